"""The stages in order: check (load, validate, link), generate (render, write), and the incremental
rebuild.
"""
