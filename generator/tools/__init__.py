"""Tools beside the pipeline that write into a project: init, import, new; and places suggest."""
