"""Claims files to a `Registry`, and the registry checked against its sources.

In: folders of claims YAML over their source documents. Out: `model.Registry` (claims with
their exact source spans). `load` finds and reads the files (`parse` validates
each), `check` runs `check-registry`, `yamlio` is the only YAML reader and writer, `index`
keeps the parsed claims in the cache folder so that `verify` need not read YAML.
"""
