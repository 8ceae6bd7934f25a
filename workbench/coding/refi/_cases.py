"""Cases and variables: participants and respondents with their attributes, both ways.

Export: one ``<Case>`` per stored case (kept from an imported project) and per interview
participant, with a ``SourceRef`` to each of their texts. A participant's variables are the
linked survey respondent's id, attribute columns and answers to choice questions (demographics),
as Text variables, joined with the values kept from an imported project (those win).

Import: each case is kept (guid, name, description, sources, values with their variable's
type) and tied to the participant whose id is its name (or whose text it refers to) and to the
respondent whose id is its name (or its ``respondent_id`` variable).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pandas as pd

from ._xml import PROJECT_NS, clean_xml_text, make_guid

__all__ = ["import_cases", "cases_elements"]

_VALUE = {"Text": "TextValue", "Boolean": "BooleanValue", "Integer": "IntegerValue", "Float": "FloatValue",
          "Date": "DateValue", "DateTime": "DateTimeValue"}
_FORM = {
    "Boolean": re.compile(r"^\s*(true|false|1|0)\s*$"),
    "Integer": re.compile(r"^\s*[+-]?\d+\s*$"),
    "Float": re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$"),
    "Date": re.compile(r"^\s*-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?\s*$"),
    "DateTime": re.compile(r"^\s*-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?\s*$"),
}


def _q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


def import_cases(proj, study, store, source_keys: dict[str, str], report) -> None:
    """Store the project's cases and variables (see the module docstring)."""
    if not proj.cases and not proj.variables:
        return
    participants = {p.casefold(): p for p in study.participants}
    resp = study.respondents
    respondents = {str(r).casefold(): str(r) for r in resp["respondent_id"]}
    linked = dict(zip(resp["participant_id"].astype(str), resp["respondent_id"].astype(str), strict=True))
    of_source = dict(zip(study.sources["source"].astype(str), study.sources["participant_id"], strict=True))
    variables = pd.DataFrame(
        [{"guid": g, "name": n, "type": t if t in _VALUE else "Text", "description": d}
         for g, (n, t, d) in proj.variables.items()],
        columns=["guid", "name", "type", "description"],
    ).drop_duplicates("name")
    var_name = {g: n for g, (n, _, _) in proj.variables.items()}
    cases, values, seen = [], [], set()
    refs = 0
    for case in proj.cases:
        guid = case.guid if case.guid and case.guid not in seen else make_guid("case", case.guid, len(seen))
        seen.add(guid)
        sources = [source_keys[g] for g in case.sources if g in source_keys]
        pid = participants.get(case.name.casefold())
        if pid is None:
            pid = next((of_source[s] for s in sources if isinstance(of_source.get(s), str)), None)
        named = {var_name[g]: v for g, v in case.values.items() if g in var_name}
        missing = [g for g in case.values if g not in var_name]
        if missing:
            report.problems.append(f"case '{case.name}': {len(missing)} values of undeclared variables ignored")
        rid = respondents.get(case.name.casefold()) or respondents.get(str(named.get("respondent_id", "")).casefold())
        rid = rid or linked.get(str(pid))
        cases.append({"guid": guid, "name": case.name or guid, "description": case.description,
                      "participant_id": pid, "respondent_id": rid, "sources": sources})
        values.extend({"case_guid": guid, "variable": k, "value": v} for k, v in named.items())
        refs += case.selections
    if refs:
        report.problems.append(f"{refs} references from cases to selections are not kept (cases keep their sources)")
    store.save_cases(pd.DataFrame(cases, columns=["guid", "name", "description", "participant_id",
                                                  "respondent_id", "sources"]),
                     pd.DataFrame(values, columns=["case_guid", "variable", "value"]), variables)
    report.cases, report.variables = len(cases), len(variables)


def _study_values(builder) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Per participant the linked respondent's id, attributes and choice answers; question texts."""
    study = builder.study
    resp = study.respondents
    linked = resp.dropna(subset=["participant_id"]) if "participant_id" in resp else resp.iloc[:0]
    values: dict[str, dict[str, str]] = {p: {} for p in builder.by_participant}
    descriptions: dict[str, str] = {}
    attr_cols = [c for c in resp.columns if c not in ("respondent_id", "source", "participant_id")]
    answers = study.answers
    choice = answers[answers["kind"] == "choice"]
    qtext = dict(zip(study.questions["question_id"], study.questions["question_text"], strict=True))
    for rec in linked.to_dict("records"):
        pid, rid = str(rec["participant_id"]), str(rec["respondent_id"])
        if pid not in values:
            continue
        values[pid]["respondent_id"] = rid
        for col in attr_cols:
            val = rec.get(col)
            if val is not None and not pd.isna(val) and str(val).strip():
                values[pid][str(col)] = str(val)
        mine = choice[choice["respondent_id"] == rid]
        for qid, val in zip(mine["question_id"], mine["value_text"], strict=True):
            if not pd.isna(val):
                values[pid][str(qid)] = str(val)
                descriptions[str(qid)] = str(qtext.get(qid, ""))
    return values, descriptions


def cases_elements(builder) -> tuple[ET.Element | None, ET.Element | None]:
    """``<Variables>`` and ``<Cases>`` for the export (``None`` where there is nothing).

    Also declares the variables of the texts (``builder.source_values``) and records every
    variable's guid in ``builder.variable_guid``."""
    store, sid = builder.store, builder.sid
    derived, descriptions = _study_values(builder)
    stored = store.cases()
    kept = store.case_values()
    var_rows = store.variables()
    variables = {r.name: (r.guid, str(r.type), r.description or "") for r in var_rows.itertuples(index=False)}
    case_list = []  # (guid, name, description, {var: value}, [source guids])
    covered = set()
    for c in stored.itertuples(index=False):
        vals = dict(zip(kept.loc[kept["case_guid"] == c.guid, "variable"],
                        kept.loc[kept["case_guid"] == c.guid, "value"], strict=True))
        srcs = [builder.source_guid[s] for s in c.sources if s in builder.source_guid]
        pid = None if pd.isna(c.participant_id) else str(c.participant_id)
        if pid is not None and pid not in covered:
            covered.add(pid)
            vals = {**derived.get(pid, {}), **vals}
            srcs += [g for g in builder.by_participant.get(pid, []) if g not in srcs]
        case_list.append((c.guid, c.name, c.description or "", vals, srcs))
    for pid in sorted(p for p in builder.by_participant if p not in covered and p != "<NA>"):
        case_list.append((make_guid(sid, "case", pid), pid, "", derived.get(pid, {}), builder.by_participant[pid]))
    source_vars = {n for vals in builder.source_values.values() for n in vals}
    for n in [*(n for _, _, _, vals, _ in case_list for n in vals), *sorted(source_vars)]:
        if n not in variables:
            variables[n] = (make_guid(sid, "variable", n), "Text", descriptions.get(n, ""))
    builder.variable_guid = {n: v[0] for n, v in variables.items()}
    var_el = None
    used = {n for *_, vals, _ in case_list for n in vals} | set(var_rows["name"]) | source_vars
    if used:
        var_el = ET.Element(_q("Variables"))
        for n, (guid, kind, desc) in variables.items():
            if n not in used:
                continue
            var = ET.SubElement(var_el, _q("Variable"), guid=guid, name=clean_xml_text(n), typeOfVariable=kind)
            if desc:
                ET.SubElement(var, _q("Description")).text = clean_xml_text(desc)
        builder.report.variables = len(var_el)
    if not case_list:
        return var_el, None
    cases = ET.Element(_q("Cases"))
    for guid, name, desc, vals, srcs in case_list:
        case = ET.SubElement(cases, _q("Case"), guid=guid, name=clean_xml_text(name))
        if desc:
            ET.SubElement(case, _q("Description")).text = clean_xml_text(desc)
        for n in sorted(vals, key=list(variables).index):
            if vals[n] is None or pd.isna(vals[n]):
                continue
            kind = variables[n][1]
            tag = _VALUE[kind] if kind in _FORM and _FORM[kind].match(str(vals[n])) or kind == "Text" else "TextValue"
            vv = ET.SubElement(case, _q("VariableValue"))
            ET.SubElement(vv, _q("VariableRef"), targetGUID=variables[n][0])
            ET.SubElement(vv, _q("TextValue" if tag not in _VALUE.values() else tag)).text = clean_xml_text(vals[n])
        for g in dict.fromkeys(srcs):
            ET.SubElement(case, _q("SourceRef"), targetGUID=g)
        builder.report.cases += 1
    return var_el, cases
