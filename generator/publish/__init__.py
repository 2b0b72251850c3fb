"""Publishing: the site (MkDocs or Zensical, then the Pagefind search index) and the PDFs."""
