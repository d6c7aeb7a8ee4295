"""`tipcheck archive`: a whole archive of articles checked on a Dask cluster, the findings
written as Parquet tables. Needs the `archive` extra (dask, distributed, pyarrow)."""
