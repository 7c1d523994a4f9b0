"""Escalation alerts: four documented rules run over each dyad's series.

Each rule answers a different question an analyst asks of a dyad, and each is tuned to stay
quiet on ordinary day-to-day noise:

``surge``
    Are there far more events than usual? (ACLED-style: the period's count against the mean
    of a trailing window, with a floor so that 1 -> 3 events is not a "tripling".)
``robust_z``
    Has the tone turned sharply hostile? A modified z-score (Iglewicz & Hoaglin) of the
    period's Goldstein mean against the median and MAD of a trailing window; medians are
    not dragged by the outliers they are meant to detect.
``first_material_conflict``
    Has this dyad gone from words to force? The first QuadClass 4 event ever seen in it.
``cusum``
    Is the tone sliding, slowly, in a way no single day shows? A one-sided CUSUM of the
    standardised Goldstein mean against its trailing baseline (Page 1954). k=1, h=5 and a
    56-period baseline were set by simulation: on Gaussian noise, about one false alarm in
    7,000 periods; a slide of 0.1 standard deviations a period is caught in about 17.

Each alert carries its ``strength``, how far past its threshold the period went (1 is just
at it), and a ``severity`` from it (``severity_of``): an analyst reading a list of alerts
wants the strong ones first, and "3.6 against 3.5" is not "9 against 3.5". The rules'
names are for code; ``RULE_TITLES`` are what the pages show.
"""
from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from flashpoint.analysis.dyads import Freq, Period, series


@dataclass(frozen=True)
class Alert:
    """One rule firing on one period of one dyad, with the numbers that made it fire."""

    rule: str
    source: str
    target: str
    period: str
    value: float
    baseline: float
    threshold: float
    message: str
    strength: float = 1.0

    @property
    def severity(self) -> str:
        return severity_of(self.rule, self.strength)

    @property
    def title(self) -> str:
        return RULE_TITLES[self.rule]

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "severity": self.severity, "title": self.title}


#: What each rule is called where people read it.
RULE_TITLES = {"surge": "Surge in events", "robust_z": "Sharp turn hostile",
               "first_material_conflict": "First use of force", "cusum": "Sustained slide"}
#: Severities, least to most severe.
SEVERITIES = ("low", "medium", "high")


def severity_of(rule: str, strength: float) -> str:
    """``high`` for a first use of force or a period at least twice past its threshold,
    ``medium`` from 1.5 times, ``low`` below (just past the threshold)."""
    if rule == "first_material_conflict" or strength >= 2:
        return "high"
    return "medium" if strength >= 1.5 else "low"


#: A rule sees one dyad's gap-filled series and yields
#: (index, value, baseline, threshold, strength, message).
Finding = tuple[int, float, float, float, float, str]
Rule = Callable[[Sequence[Period]], list[Finding]]


def surge(series: Sequence[Period], window: int = 28, factor: float = 3.0,
          floor: float = 5.0) -> list[Finding]:
    """Count at least ``factor`` times the trailing mean, and at least ``floor`` events.

    The threshold is ``max(factor * mean, floor)``: a dyad that averages 0.2 events a day
    needs ``floor`` events to alert, a busy one needs ``factor`` times its usual volume.
    The first ``window`` periods only build the baseline.
    """
    found = []
    for i in range(window, len(series)):
        mean = sum(p.events for p in series[i - window:i]) / window
        threshold = max(factor * mean, floor)
        if series[i].events >= threshold:
            found.append((i, float(series[i].events), mean, threshold, series[i].events / threshold,
                          f"{series[i].events} events against a trailing mean of {mean:.1f}"))
    return found


def robust_z(series: Sequence[Period], window: int = 28, z: float = 3.5, min_points: int = 7,
             min_mad: float = 0.5) -> list[Finding]:
    """Goldstein mean more than ``z`` modified z-scores below the trailing median.

    Only periods with events have a Goldstein mean; the window needs ``min_points`` of them.
    The MAD is floored at ``min_mad`` Goldstein points, so a perfectly flat history does not
    turn the first small wobble into an infinite score.
    """
    found = []
    for i in range(window, len(series)):
        value = series[i].goldstein_mean
        history = [m for p in series[i - window:i] if (m := p.goldstein_mean) is not None]
        if value is None or len(history) < min_points:
            continue
        median = statistics.median(history)
        mad = max(statistics.median(abs(m - median) for m in history), min_mad)
        score = 0.6745 * (value - median) / mad
        if score <= -z:
            message = (f"Goldstein mean {value:.1f} against a trailing median of {median:.1f} "
                       f"(modified z {score:.1f})")
            found.append((i, value, median, -z, score / -z, message))
    return found


def first_material_conflict(series: Sequence[Period]) -> list[Finding]:
    """The first period in which the dyad has a material-conflict (QuadClass 4) event."""
    for i, period in enumerate(series):
        if period.q4:
            return [(i, float(period.q4), 0.0, 1.0, 1.0,
                     f"first material conflict in this dyad ({period.q4} event(s))")]
    return []


def cusum(series: Sequence[Period], window: int = 56, k: float = 1.0, h: float = 5.0,
          min_points: int = 7, min_sd: float = 0.5) -> list[Finding]:
    """One-sided (downward) CUSUM of the Goldstein mean, standardised on a trailing window.

    ``S = max(0, S + (baseline - x) / sd - k)`` over periods with events; an alert when
    ``S > h``, after which S restarts from 0 so a sustained slide alerts again only when it
    keeps sliding. The baseline window ends where the current run began, so the drift being
    measured does not leak into its own baseline.
    """
    found: list[Finding] = []
    total, run_start = 0.0, None
    for i in range(window, len(series)):
        value = series[i].goldstein_mean
        if value is None:
            continue
        anchor = run_start if run_start is not None else i
        history = [m for p in series[max(0, anchor - window):anchor]
                   if (m := p.goldstein_mean) is not None]
        if len(history) < min_points:
            continue
        mean = statistics.fmean(history)
        sd = max(statistics.pstdev(history), min_sd)
        total = max(0.0, total + (mean - value) / sd - k)
        run_start = None if total == 0 else anchor
        if total > h:
            found.append((i, value, mean, h, total / h,
                          f"sustained slide: CUSUM {total:.1f} > {h:g} (baseline {mean:.1f})"))
            total, run_start = 0.0, None
    return found


RULES: dict[str, Rule] = {"surge": surge, "robust_z": robust_z,
                          "first_material_conflict": first_material_conflict, "cusum": cusum}


def series_alerts(source: str, target: str, series: Sequence[Period],
                  rules: Sequence[str] = tuple(RULES)) -> list[Alert]:
    """Every rule's alerts for one dyad, in period order."""
    alerts = [Alert(name, source, target, series[i].period.isoformat(), round(value, 3),
                    round(baseline, 3), round(threshold, 3), message, round(strength, 3))
              for name in rules for i, value, baseline, threshold, strength, message in RULES[name](series)]
    return sorted(alerts, key=lambda a: (a.period, a.rule))


def dyad_alerts(days: Mapping[tuple[str, str], list[Period]], freq: Freq = "day",
                rules: Sequence[str] = tuple(RULES), min_events: int = 1) -> list[Alert]:
    """All alerts over every dyad's daily periods (see ``dyads.daily``), most recent first."""
    alerts = [alert for (source, target), periods in days.items()
              if sum(p.events for p in periods) >= min_events
              for alert in series_alerts(source, target, series(periods, freq), rules)]
    return sorted(alerts, key=lambda a: (a.period, a.rule, a.source, a.target), reverse=True)
