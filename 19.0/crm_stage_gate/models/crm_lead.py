import logging
import unicodedata

from odoo import api, models
from odoo.exceptions import RedirectWarning, UserError
from odoo.tools import SQL, format_list, html2plaintext

# opportunities named one by one in a refusal; the others are counted
REFUSAL_NAMED_MAX = 10

# what puts an open opportunity into a stage: its stage, its type, its archiving
ENTRY_FIELDS = ("stage_id", "type", "active")


class CrmLead(models.Model):
    """Stage gates: an open opportunity is in a stage with requirements only if it
    met them when it got there, whatever the way: created there, moved there
    (forward or backward), converted from a lead, restored or unarchived there.
    Checked on what the write leaves. Free: staying in the stage, leaving it,
    merges, server code naming itself, and a Settings user's writes with
    ``skip_stage_gates=True`` in the context (migrations, imports of history).
    Server code that writes a stage without moving an opportunity into it (a
    merge, a clean-up) puts in that key the record(s) doing it: no call from
    outside can carry a record, its context being JSON."""

    _inherit = "crm.lead"

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        if not self._stage_gates_skipped():
            leads._check_entered_stages(creation=True)
        return leads

    def write(self, vals):
        if self._stage_gates_skipped() or not set(ENTRY_FIELDS) & set(vals):
            return super().write(vals)
        # where each lead is an open opportunity before the write: staying is free
        before = {lead.id: lead._open_stage() for lead in self}
        res = super().write(vals)
        # checked on the values written: a rep may fill a field and move at once
        self.filtered(
            lambda lead: lead._open_stage() and lead._open_stage() != before[lead.id]
        )._check_entered_stages()
        return res

    def _merge_opportunity(
        self, user_id=False, team_id=False, auto_unlink=True, max_length=5
    ):
        # reached by every merge (the merge wizard, conversions, the sales teams'
        # assignment of duplicates), which may write a stage: a merge is no move
        head = super(
            CrmLead, self.with_context(skip_stage_gates=self)
        )._merge_opportunity(
            user_id=user_id,
            team_id=team_id,
            auto_unlink=auto_unlink,
            max_length=max_length,
        )
        return head.with_env(self.env)

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _missing_stage_requirements(self, stage):
        """{opportunity: (field names, labels)} of what those of these
        opportunities lack to enter ``stage``: the fields to fill, then the
        documents; the ones meeting its requirements are left out. The stage
        gate's rule: every way in calls it."""
        if not stage.is_gated:
            return {}
        labels_by_name = stage._gate_field_labels()
        field_names = list(labels_by_name)
        conditions = stage._gate_conditions()
        meeting = {
            condition: self._meeting_condition(condition)
            for condition, _label in conditions
        }
        missing = {}
        for lead in self:
            names = [name for name in field_names if not lead._is_filled(name)]
            labels = [labels_by_name[name] for name in names]
            labels += [
                label
                for condition, label in conditions
                if lead not in meeting[condition]
            ]
            if labels:
                missing[lead] = (names, labels)
        return missing

    def _is_filled(self, field_name):
        """Whether this opportunity has a value in ``field_name``: a number other
        than 0, a text with more than spaces and invisible characters, an HTML
        text with text or an image."""
        self.ensure_one()
        value = self[field_name]
        if self._fields[field_name].type == "html":
            return bool(value) and (
                "<img" in value or _has_visible_text(html2plaintext(value))
            )
        if isinstance(value, str):
            return _has_visible_text(value)
        return bool(value)

    def _meeting_condition(self, condition):
        """Those of these opportunities meeting ``condition``, a condition of
        ``crm.stage._gate_conditions``, even through documents the user cannot
        see. The addon adding the condition answers it; none meets a condition
        no addon knows."""
        return self.browse()

    def _open_stage(self):
        """The stage of this lead when it is an open opportunity; else none."""
        self.ensure_one()
        if self.type == "opportunity" and self.active:
            return self.stage_id
        return self.stage_id.browse()

    def _check_entered_stages(self, creation=False):
        """Refuse unless these leads, the open opportunities among them, meet
        what their stage requires. Their stages stay locked until the commit:
        requirements a manager commits after this transaction began fail it, and
        Odoo runs the request again, checking them."""
        opportunities = self.filtered(lambda lead: lead._open_stage())
        if not opportunities:
            return
        self.env.cr.execute(
            SQL(
                "SELECT 1 FROM crm_stage WHERE id IN %s FOR SHARE",
                tuple(opportunities.stage_id.ids),
            )
        )
        gated = opportunities.filtered(lambda lead: lead.stage_id.is_gated)
        for stage, leads in gated.grouped("stage_id").items():
            leads._check_stage_requirements(stage, creation=creation)

    def _stage_gates_skipped(self):
        """Whether this environment skips the stages' requirements: server code
        naming itself (a merge, a clean-up wizard), or
        ``skip_stage_gates`` in the call of a real user with Settings rights
        (never because of sudo)."""
        skip = self.env.context.get("skip_stage_gates")
        if isinstance(skip, models.BaseModel):
            return True
        return bool(skip) and self.env.user.has_group("base.group_system")

    def _check_stage_requirements(self, stage, creation=False):
        """Refuse, in a sentence naming what is missing, unless these
        opportunities meet what entering ``stage`` requires."""
        missing = self._missing_stage_requirements(stage)
        if missing:
            raise self._stage_requirements_refusal(stage, missing, creation)

    def _stage_requirements_refusal(self, stage, missing, creation):
        """The refusal for the opportunities of ``missing``: a button opens the
        one refused, its missing fields marked (or lists them all); a creation or
        an import, with nothing to open, gets the sentence alone."""
        if len(missing) == 1:
            [(lead, (field_names, labels))] = missing.items()
            arguments = {
                "opportunity": lead.display_name,
                "stage": stage.name,
                "missing": format_list(self.env, labels),
            }
            if creation:
                return UserError(
                    self.env._(
                        "%(opportunity)s cannot be created in the stage %(stage)s: it "
                        "still needs %(missing)s. Create it in an earlier stage, then "
                        "complete it.",
                        **arguments,
                    )
                )
            message = self.env._(
                "%(opportunity)s cannot enter the stage %(stage)s yet: it still "
                "needs %(missing)s.",
                **arguments,
            )
            action = {
                "type": "ir.actions.act_window",
                "name": lead.display_name,
                "res_model": self._name,
                "res_id": lead.id,
                "views": [(False, "form")],
                # a dialog: what the rep was doing stays open behind it
                "target": "new",
                "context": {"stage_gate_missing_fields": field_names},
            }
            button = self.env._("Complete the Opportunity")
        else:
            lines = [
                self.env._(
                    "%(opportunity)s: %(missing)s",
                    opportunity=lead.display_name,
                    missing=format_list(self.env, labels),
                )
                for lead, (_names, labels) in list(missing.items())[:REFUSAL_NAMED_MAX]
            ]
            if len(missing) > REFUSAL_NAMED_MAX:
                lines.append(
                    self.env._(
                        "and %(count)s more.", count=len(missing) - REFUSAL_NAMED_MAX
                    )
                )
            message = self.env._(
                "%(count)s opportunities cannot enter the stage %(stage)s yet:\n"
                "%(opportunities)s",
                count=len(missing),
                stage=stage.name,
                opportunities="\n".join(lines),
            )
            field_names = sorted(
                {name for names, _labels in missing.values() for name in names}
            )
            action = {
                "type": "ir.actions.act_window",
                "name": self.env._("Opportunities to Complete"),
                "res_model": self._name,
                "domain": [("id", "in", [lead.id for lead in missing])],
                "views": [(False, "list"), (False, "form")],
                "context": {"stage_gate_missing_fields": field_names},
            }
            button = self.env._("Show These Opportunities")
        if creation or self.env.context.get("import_file"):
            return UserError(message)
        refusal = RedirectWarning(message, action, button)
        # a refusal answers the user: not a server error with a traceback
        refusal.loglevel = logging.INFO
        return refusal


def _has_visible_text(text):
    """Whether ``text`` has more than white space (the non-breaking one included)
    and invisible format characters (zero-width spaces and joiners)."""
    return any(
        not char.isspace() and unicodedata.category(char) != "Cf" for char in text
    )
