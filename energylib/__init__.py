"""energylib: the models behind every number in the book (work in progress)."""
