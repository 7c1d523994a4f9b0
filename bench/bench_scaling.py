"""make bench: extraction time per character from 10 KB to 1 MB, and the memory of 1 MB.

Targets (issue 11): the time per character of a 1 MB article is within 2x of a 10 KB one
(extraction is linear in the length of an article: long ones are processed in chunks, see
``flashpoint.chunking``), and extracting a 1 MB article peaks under 1.5 GB of RSS.

Each size runs in its own process (so its peak RSS is its own) on text made of the seed
articles (../shared/seeds, else examples/) joined into one article of that size. Time is CPU
time of the process: on a shared machine, wall time measures the neighbours; the wall time
is shown beside it. A size runs REPEATS times after a warm-up and keeps its best.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT.parent / "shared" / "seeds", ROOT / "examples")
SIZES = {"10 KB": 10_000, "1 MB": 1_000_000}
REPEATS = {"10 KB": 5, "1 MB": 1}
MAX_RATIO = 2.0
MAX_RSS_MB = 1_536


def article_text(size: int) -> str:
    """``size`` characters of news text: the source articles as paragraphs, over and over."""
    from flashpoint.ingest import Article, read_inputs

    source = next(path for path in SOURCES if path.is_dir())
    paragraphs = [p.strip() for a in read_inputs([str(source)]) if isinstance(a, Article)
                  for p in a.text.split("\n") if p.strip()]
    text, i = [], 0
    while sum(map(len, text)) + 2 * len(text) < size:
        text.append(paragraphs[i % len(paragraphs)])
        i += 1
    return "\n\n".join(text)[:size]


def measure(label: str) -> dict[str, float]:
    """One size in this process: best CPU and wall seconds per character, and peak RSS."""
    from flashpoint.extract import extract
    from flashpoint.ingest import Article
    from flashpoint.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    list(extract([Article(doc_id="warm-up", text=article_text(5_000))], nlp))
    text = article_text(SIZES[label])
    cpu, wall, events = [], [], 0
    for _ in range(REPEATS[label]):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        (found,) = extract([Article(doc_id="bench", text=text)], nlp)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started_wall)
        events = len(getattr(found, "events", ()))
    return {"chars": len(text), "cpu_us_per_char": min(cpu) / len(text) * 1e6,
            "wall_us_per_char": min(wall) / len(text) * 1e6, "events": events,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--size":
        print(json.dumps(measure(sys.argv[2])))
        return
    results = {label: json.loads(subprocess.run([sys.executable, __file__, "--size", label], check=True,
                                                capture_output=True, text=True).stdout) for label in SIZES}
    print(f"\n{'article':<9}{'chars':>11}{'CPU µs/char':>13}{'wall µs/char':>14}{'events':>8}{'peak MB':>9}")
    for label, r in results.items():
        print(f"{label:<9}{r['chars']:>11,}{r['cpu_us_per_char']:>13.1f}{r['wall_us_per_char']:>14.1f}"
              f"{r['events']:>8}{r['peak_rss_mb']:>9.0f}")
    ratio = results["1 MB"]["cpu_us_per_char"] / results["10 KB"]["cpu_us_per_char"]
    rss = results["1 MB"]["peak_rss_mb"]
    print(f"time per character, 1 MB / 10 KB: {ratio:.2f}x (target ≤ {MAX_RATIO}x: "
          f"{'met' if ratio <= MAX_RATIO else 'NOT met'}); peak RSS at 1 MB: {rss:.0f} MB "
          f"(target ≤ {MAX_RSS_MB} MB: {'met' if rss <= MAX_RSS_MB else 'NOT met'})")


if __name__ == "__main__":
    main()
