"""Reading a project: its settings, the files under briefings/ (parsed on both cores, cached), the
stored sources and the git history.
"""
