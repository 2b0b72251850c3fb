"""Cross-checking what was loaded (references, quotes, places, relations) into the corpus a build
publishes.
"""
