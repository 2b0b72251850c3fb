"""What the records are: their fields and limits, the vocabularies (markings, grades), dates,
validation and the JSON Schemas.
"""
