"""Stage 6, render: the brief's steps and its notebook run with papermill, the HTML sections, interactive
tables, the HTML export and atomic publishing, and many briefs at once on Dask. The only stage that
imports papermill and nbconvert."""
