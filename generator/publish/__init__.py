"""Publishing: the site (MkDocs or Zensical, then the Pagefind search index), the PDFs, the feeds
and the export."""
