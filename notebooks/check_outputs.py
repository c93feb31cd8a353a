"""Fails unless every executed notebook given has at least one PNG image output and no error output."""
import sys

import nbformat

failed = False
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    images = sum(1 for o in outputs if "image/png" in o.get("data", {}))
    errors = [o for o in outputs if o.get("output_type") == "error"]
    print(f"{path}: {images} images, {len(errors)} errors")
    if images == 0 or errors:
        failed = True
sys.exit(1 if failed else 0)
