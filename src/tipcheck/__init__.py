"""tipcheck: fact-check figures in reporting on human trafficking against sourced claims."""

__version__ = "0.1.0"
