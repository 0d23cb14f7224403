"""The domain and the workflow: dossiers, documents, pages, the pipeline and the ``sohoa`` command line."""
