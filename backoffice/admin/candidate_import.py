"""Candidate import and export (CSV, XLSX) — see core/resources.py."""


class CandidateImportMixin:
    pass
