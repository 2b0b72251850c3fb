"""Text helpers every layer may use: escaping untrusted text for Markdown and HTML, slugs, plurals.
Imports nothing else of the package.
"""
