"""respub: publish adopted resolutions as a citable, multilingual static site.

Pipeline: parse -> model -> link -> translate -> render; the mkdocs hooks in hooks/ are thin adapters.
"""
