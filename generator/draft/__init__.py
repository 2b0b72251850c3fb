"""`briefings draft`: from a raw news article to a draft briefing for an analyst to check.

The stages, each a module: source (read a text file or a saved web page), text (paragraphs
and sentences with their offsets), quotes (the quoted passages), names (people, organisations,
states and places, matched against the registry), attribute (who said each quote), events
(dated sentences) and compose (the draft briefing's YAML and the --json report). All of it is
rules, no statistical model: nothing is downloaded, and every finding says how it was made.
"""
