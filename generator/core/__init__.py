"""The ground floor: problems and errors, the YAML reader that knows lines, the one writer of
files, the files commands are given.
"""
