import ast
from collections import namedtuple

from odoo import api, models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# A business event a stage can react to: an automation rule on ``model`` with
# ``trigger``; ``domain`` (a list, or a function of the line giving one) is its
# "Apply on", also its "Before Update Domain" when ``pre_domain`` (Odoo checks
# only that one on email triggers); ``state`` is the selection value of
# "State is set to"; ``activity_type``: the line names an activity type.
Event = namedtuple(
    "Event",
    "label model trigger domain pre_domain state activity_type",
    defaults=(False, False, False),
)

OPEN_OPPORTUNITY = [("type", "=", "opportunity"), ("active", "=", True)]
ON_AN_OPPORTUNITY = [("opportunity_id", "!=", False)]


class CrmStageAutomation(models.Model):
    """The automation rule of a stage's line: the events it can react to, and
    what the line writes."""

    _inherit = "crm.stage.automation"

    # ------------------------------------------------------------
    # THE CATALOGUE
    # ------------------------------------------------------------

    @api.model
    def _event_catalogue(self):
        """{event: Event}: the business events that move opportunities into a
        stage, and ``stage_entered`` for the lines acting on entering it. An
        addon adds its own events, or narrows one, by extending this."""
        return {
            "activity_planned": Event(
                _lt("An activity is planned"),
                "mail.activity",
                "on_create",
                lambda line: [
                    ("res_model", "=", "crm.lead"),
                    ("activity_type_id", "=", line.activity_type_id.id),
                ],
                activity_type=True,
            ),
            "meeting_planned": Event(
                _lt("A meeting is planned"),
                "calendar.event",
                "on_create",
                ON_AN_OPPORTUNITY,
            ),
            "email_received": Event(
                _lt("An email arrives from the customer"),
                "crm.lead",
                "on_message_received",
                OPEN_OPPORTUNITY,
                pre_domain=True,
            ),
            "email_sent": Event(
                _lt("An email is sent to the customer"),
                "crm.lead",
                "on_message_sent",
                OPEN_OPPORTUNITY,
                pre_domain=True,
            ),
            "stage_entered": Event(
                _lt("An opportunity enters this stage"),
                "crm.lead",
                "on_stage_set",
                lambda line: [("stage_id", "=", line.stage_id.id), *OPEN_OPPORTUNITY],
            ),
        }

    @api.model
    def _selection_event(self):
        selection = []
        for key, event in self._event_catalogue().items():
            if key != "stage_entered":
                # translated here, where Odoo finds the user's language
                selection.append((key, str(event.label)))
        return selection

    # ------------------------------------------------------------
    # THE RULE
    # ------------------------------------------------------------

    def _write_rule(self):
        """Create or rewrite the line's rule and its one action, as the line
        says. A sales manager may not write automation rules: the line does,
        from what it says and nothing else."""
        self.ensure_one()
        values = self._rule_values()
        rule = self.rule_id.sudo()
        if rule:
            rule.write(values)
        else:
            rule = self.env["base.automation"].sudo().create(values)
            self.sudo().rule_id = rule
        if rule.action_server_ids:
            rule.action_server_ids.write(self._own_action_values())
        else:  # new, or its action went with the module's uninstallation
            self._add_own_action()
        # named after the stage and the line in every language, not the editor's
        rule.update_field_translations(
            "name",
            {
                lang: self.with_context(lang=lang)._rule_name()
                for lang, _name in self.env["res.lang"].get_installed()
            },
        )

    def _add_own_action(self):
        """The line's action added to its rule, beside any other it has."""
        # Odoo runs no sudo commands creating server actions: one create each
        self.env["ir.actions.server"].sudo().create(
            dict(self._own_action_values(), base_automation_id=self.rule_id.id)
        )

    def _own_action_values(self):
        return dict(
            self._action_values(),
            name=self._line_summary(),
            model_id=self.rule_id.sudo().model_id.id,
            usage="base_automation",
        )

    def _rule_values(self):
        """What the line says, as the values of its automation rule."""
        self.ensure_one()
        event = self._event_catalogue()[self.event or "stage_entered"]
        domain = event.domain(self) if callable(event.domain) else event.domain
        selection = self.env["ir.model.fields.selection"].sudo()
        if event.state:
            selection = selection.search(
                [
                    ("field_id.model", "=", event.model),
                    ("field_id.name", "=", "state"),
                    ("value", "=", event.state),
                ],
                limit=1,
            )
        return {
            "name": self._rule_name(),
            "model_id": self.env["ir.model"]._get_id(event.model),
            "trigger": event.trigger,
            "trg_selection_field_id": selection.id,
            "trg_field_ref": self.stage_id.id if event.trigger == "on_stage_set" else 0,
            "filter_domain": repr(domain),
            "filter_pre_domain": repr(domain) if event.pre_domain else False,
        }

    def _action_values(self):
        """The rule's one action: move, activity or email; an addon adding an
        action to the lines extends this."""
        if self.action == "move":
            return {"state": "crm_stage", "crm_stage_id": self.stage_id.id}
        if self.action == "email":
            return {
                "state": "mail_post",
                "template_id": self.template_id.id,
                "mail_post_method": "comment",
            }
        salesperson = self.assignee == "salesperson"
        return {
            "state": "next_activity",
            "activity_type_id": self.activity_type_id.id,
            "activity_date_deadline_range": self.delay_days,
            "activity_date_deadline_range_type": "days",
            "activity_user_type": "generic" if salesperson else "specific",
            "activity_user_field_name": "user_id" if salesperson else False,
            "activity_user_id": False if salesperson else self.user_id.id,
        }

    def _rule_name(self):
        return self.env._(
            "%(stage)s: %(line)s", stage=self.stage_id.name, line=self._line_summary()
        )

    def _line_summary(self):
        """What the line does, in words: "A quote is confirmed → Move here",
        "An opportunity enters this stage → Plan an activity: Call"."""
        event = self._event_catalogue()[self.event or "stage_entered"]
        action = dict(self._fields["action"]._description_selection(self.env))
        detail = (
            self.activity_type_id if self.action == "activity" else self.template_id
        )
        summary = f"{event.label} → {action[self.action]}"
        if self.action in ("activity", "email") and detail:
            summary += f": {detail.display_name}"
        return summary

    def _rule_differs(self, rule):
        """Whether the rule says more, or else, than the line."""
        expected = self._rule_values()
        return (
            len(rule.action_server_ids) != 1
            or _differs(rule.action_server_ids, self._action_values())
            or _differs(
                rule,
                {
                    name: expected[name]
                    for name in (
                        "model_id",
                        "trigger",
                        "trg_selection_field_id",
                        "trg_field_ref",
                    )
                },
            )
            or _domain(rule.filter_domain) != _domain(expected["filter_domain"])
            or _domain(rule.filter_pre_domain) != _domain(expected["filter_pre_domain"])
        )


def _differs(record, values):
    for name, value in values.items():
        current = record[name]
        if isinstance(current, models.BaseModel):
            current = current.id
        if (current or False) != (value or False):
            return True
    return False


def _domain(text):
    """The domain as a list; None when it says more than literals (``uid``,
    ``context_today()``…): a line writes none such, its rule is custom."""
    try:
        return ast.literal_eval(text) if text else []
    except (ValueError, SyntaxError, TypeError):
        return None
