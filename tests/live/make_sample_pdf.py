# Writes tests/live/sample.pdf: 3 pages of Helvetica text for the qpdfview live tasks.
# Usage: python3 tests/live/make_sample_pdf.py tests/live/sample.pdf
import sys
pages = ["humain live test: page one", "page two: the middle", "page three: the end"]
objs = []
objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
kids = " ".join(f"{4 + 2*i} 0 R" for i in range(len(pages)))
objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
for i, t in enumerate(pages):
    content = f"BT /F1 28 Tf 60 700 Td ({t}) Tj ET".encode()
    objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2*i} 0 R >>".encode())
    objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
out = bytearray(b"%PDF-1.4\n")
offs = []
for n, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % n + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(sys.argv[1], "wb").write(out)
