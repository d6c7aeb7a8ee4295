"""Stage 2, a text to `Figure`s: every number, amount, date and ordinal it asserts.

In: a (masked) text and the date it was published. Out: `model.Figure`s in text order,
each with its value, hedge, unit, counted noun, period and breakdown link. `spans` finds
where figures are (`builders` read each match, `blockers` say where no figure is),
`numbers` and `dates` read their values, `extract` reads what is around them; `periods`
gives each figure the time its text states, `windows` the spans of years a text counts
over, and `undated` what a figure whose time the text leaves open is about.
"""
