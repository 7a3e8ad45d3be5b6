"""Sample values for rendering every text. A feature whose macros take structured arguments adds a module
here named after its template file, with a SAMPLES dict of argument name → value."""
