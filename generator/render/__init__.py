"""The corpus into pages, feeds, maps, structured data and the export's tables, in memory."""
