"""How well a claim fits a figure: is it the same thing counted, and can the values agree?

In: a draft figure with its words, and the registry's claims. Out: claims ranked by how
well they align (`align`), from concepts folded by `lexicon`; `intervals` gives the range a
hedged, rounded figure allows.
"""
