"""The synthetic topic's vocabulary: about 60 measures, comparisons, populations and activities.

No name or description contains a digit, so a claim statement's only numbers are its figures.
"""
from __future__ import annotations

# unit -> (low, high, decimals) of a plausible absolute value
UNIT_RANGES = {
    "degrees": (5, 80, 1), "Nm/kg": (0.2, 3.5, 2), "W/kg": (0.5, 12, 1), "body-weights": (0.5, 8, 1),
    "percent-mvc": (10, 90, 0), "Nm": (20, 250, 0), "bpm": (80, 185, 0), "ml/kg/min": (8, 50, 1),
    "kcal/min": (3, 15, 1), "J/kg/m": (2, 6, 2), "l/min": (10, 90, 1), "points": (1, 30, 1),
    "m/s": (0.4, 3.5, 2), "cm": (2, 80, 1), "m": (100, 700, 0), "steps/min": (80, 190, 0),
    "percent-stance": (10, 90, 0), "km/h": (2, 12, 1), "s": (5, 90, 1), "N/kg": (5, 40, 1),
    "percent": (5, 95, 0),
}

UNIT_SYMBOLS = {
    "degrees": "°", "Nm/kg": " N·m/kg", "W/kg": " W/kg", "body-weights": " BW", "percent-mvc": " %MVC",
    "Nm": " N·m", "bpm": " bpm", "ml/kg/min": " ml/kg/min", "kcal/min": " kcal/min", "J/kg/m": " J/kg/m",
    "l/min": " l/min", "points": " points", "m/s": " m/s", "cm": " cm", "m": " m", "steps/min": " steps/min",
    "percent-stance": " % of stance", "km/h": " km/h", "s": " s", "N/kg": " N/kg", "percent": "%",
}

_JOINT_MEASURES = {
    "flexion-angle": ("peak flexion angle", "degrees"),
    "range-of-motion": ("range of motion", "degrees"),
    "extensor-moment": ("peak extensor moment", "Nm/kg"),
    "joint-power": ("peak joint power", "W/kg"),
    "contact-force": ("peak joint contact force", "body-weights"),
}
_MUSCLES = ["quadriceps", "hamstrings", "gastrocnemius", "tibialis-anterior", "gluteus-medius",
            "vastus-lateralis", "soleus", "erector-spinae"]
_OTHER_MEASURES = {
    "heart-rate": "bpm", "oxygen-uptake": "ml/kg/min", "peak-oxygen-uptake": "ml/kg/min",
    "energy-expenditure": "kcal/min", "cost-of-transport": "J/kg/m", "minute-ventilation": "l/min",
    "perceived-exertion": "points", "walking-speed": "m/s", "step-length": "cm", "stride-length": "cm",
    "cadence": "steps/min", "stance-duration": "percent-stance", "double-support-time": "percent-stance",
    "step-width": "cm", "preferred-speed": "km/h", "timed-up-and-go": "s", "walk-test-distance": "m",
    "pain-score": "points", "balance-score": "points", "knee-function-score": "points",
    "fall-risk-score": "points", "disability-index": "points", "ground-reaction-force": "body-weights",
    "vertical-loading-rate": "N/kg", "patellofemoral-compression-force": "body-weights",
    "achilles-tendon-force": "body-weights", "hamstring-flexibility": "degrees", "sit-to-stand-time": "s",
    "training-adherence": "percent", "sway-area": "cm",
}

COMPARISONS = {
    "backward-vs-forward": ("backward", "forward", "Backward compared with forward locomotion at the same speed"),
    "backward-vs-forward-self-selected": (
        "backward", "forward", "Backward compared with forward locomotion at self-selected speeds"),
    "backward-training-vs-control": ("training", "control", "Backward training compared with no training"),
    "backward-vs-forward-training": (
        "backward", "forward", "Backward walking training compared with forward walking training"),
    "backward-training-vs-usual-care": (
        "training", "usual", "Backward training added to usual care compared with usual care alone"),
    "backward-uphill-vs-level": ("uphill", "level", "Backward uphill compared with backward level locomotion"),
    "backward-vs-lateral": ("backward", "lateral", "Backward compared with sideways locomotion"),
    "post-vs-pre-training": ("post", "pre", "After compared with before a backward training programme"),
}

POPULATIONS = {
    "adults": ("Adults", None), "healthy-adults": ("Healthy adults", "adults"),
    "older-adults": ("Older adults", "adults"), "runners": ("Recreational runners", "healthy-adults"),
    "athletes": ("Athletes", "healthy-adults"), "knee-oa": ("Adults with knee osteoarthritis", "older-adults"),
    "obese-adults": ("Adults with obesity", "adults"), "low-back-pain": ("Adults with low back pain", "adults"),
    "stroke-survivors": ("People after a stroke", "adults"),
    "parkinsons": ("People with Parkinson's disease", "older-adults"),
    "children": ("Children", None), "cerebral-palsy": ("Children with cerebral palsy", "children"),
}

ACTIVITIES = {
    "walking": ("Walking", None), "treadmill-walking": ("Treadmill walking", "walking"),
    "uphill-walking": ("Uphill walking", "walking"), "running": ("Running", None),
    "treadmill-running": ("Treadmill running", "running"), "sled-dragging": ("Sled dragging", None),
}


def measures() -> dict[str, dict]:
    out = {}
    for joint in ("knee", "hip", "ankle"):
        for suffix, (what, unit) in _JOINT_MEASURES.items():
            out[f"{joint}-{suffix}"] = _measure(f"{joint.capitalize()} {what}", unit)
    for muscle in _MUSCLES:
        name = muscle.replace("-", " ").capitalize()
        out[f"{muscle}-activation"] = _measure(f"{name} activation", "percent-mvc")
        out[f"{muscle}-strength"] = _measure(f"{name} strength", "Nm")
    for mid, unit in _OTHER_MEASURES.items():
        out[mid] = _measure(mid.replace("-", " ").capitalize(), unit)
    return out


def _measure(name: str, unit: str) -> dict:
    return {"name": name, "description": f"{name}, as reported by the study.", "unit": unit}


def terms(table: dict) -> dict[str, dict]:
    out = {}
    for tid, (name, broader) in table.items():
        out[tid] = {"name": name, "description": f"{name}, as the studies describe them."}
        if broader:
            out[tid]["broader"] = broader
    return out


def comparisons() -> dict[str, dict]:
    return {cid: {"name": cid.replace("-", " ").capitalize(), "description": desc}
            for cid, (_, _, desc) in COMPARISONS.items()}


def root(table: dict, tid: str) -> str:
    while table[tid][1]:
        tid = table[tid][1]
    return tid
