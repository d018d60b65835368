"""uncac-needs: the technical assistance needs identified in UNCAC country reviews, from the
keepers' workbook to the Secretariat's analytical note in Chinese and English."""

__version__ = "0.1.0"
