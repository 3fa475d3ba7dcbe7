#!/usr/bin/python3
"""make_vectors.py - regenerates the small JPEG test vectors under
tests/host/media/data/ and their reference decodings.

Each vector is a 53 x 37 crop (odd size: partial MCUs on both edges) of
frame 5 of the clip's source pattern, encoded by libjpeg's cjpeg in one of
the layouts the decoder supports; the reference is djpeg -nosmooth (box
upsampling, as the decoder does) of the same file. Needs cjpeg and djpeg
(Debian package libjpeg-turbo-progs). Run from the repository root:
  /usr/bin/python3 tests/host/media/make_vectors.py
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "tools"))
import mkclip  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
VECTORS = {
    "v444": ["-sample", "1x1"],
    "v422": ["-sample", "2x1"],
    "v440": ["-sample", "1x2"],
    "v420": ["-sample", "2x2"],
    "v420rst": ["-sample", "2x2", "-restart", "1B"],
    "v444rst": ["-sample", "1x1", "-restart", "2B"],
    "v422opt": ["-sample", "2x1", "-optimize"],
    "vgray": ["-grayscale"],
    "vgrayrst": ["-grayscale", "-restart", "1B"],
    "vq100": ["-sample", "2x2", "-quality", "100"],
}


def main():
    for tool in ("cjpeg", "djpeg"):
        if not shutil.which(tool):
            print("make_vectors: error: %s not found (install "
                  "libjpeg-turbo-progs)" % tool, file=sys.stderr)
            return 1
    img = mkclip.draw_frame(5, 320, 240)
    crop = [row[3:56] for row in img[5:42]]
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src.ppm")
        mkclip.write_ppm(src, crop)
        for name, args in VECTORS.items():
            jpg = os.path.join(OUT, name + ".jpg")
            q = [] if "-quality" in args else ["-quality", "85"]
            with open(jpg, "wb") as f:
                subprocess.run(["cjpeg"] + q + args + [src], stdout=f,
                               check=True)
            ref = os.path.join(OUT, name + ".pnm")
            with open(ref, "wb") as f:
                # -pnm: PGM for gray files, PPM otherwise.
                subprocess.run(["djpeg", "-nosmooth", "-pnm", jpg],
                               stdout=f, check=True)
            print("%s: %d bytes" % (name, os.path.getsize(jpg)))
        # A progressive file, which the decoder must reject.
        with open(os.path.join(OUT, "vprog.jpg"), "wb") as f:
            subprocess.run(["cjpeg", "-progressive", src], stdout=f,
                           check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
