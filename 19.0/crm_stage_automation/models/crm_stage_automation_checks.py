from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

from .crm_stage_automation import MAX_DELAY_DAYS

# what a line sets itself, never its editor
SELF_WRITTEN = ("rule_id", "template_user_id")
SELECTIONS = ("event", "action", "entry_action", "assignee")


class CrmStageAutomation(models.Model):
    """What a stage's automation line accepts, and from whom: checked where it
    enters, before the database, with a sentence a sales manager can act on."""

    _inherit = "crm.stage.automation"

    @api.constrains("event", "action", "activity_type_id", "template_id", "user_id")
    def _check_complete(self):
        for line in self:
            entering = line.action in ("activity", "email")
            if entering == bool(line.event):
                raise ValidationError(
                    self.env._(
                        "On %(stage)s, an opportunity entering the stage can plan an "
                        "activity or send an email; a business event moves it here.",
                        stage=line.stage_id.name,
                    )
                )
            event = self._event_catalogue().get(line.event)
            missing = (
                (event and event.activity_type or line.action == "activity")
                and not line.activity_type_id
                or line.action == "email"
                and not line.template_id
                or line.action == "activity"
                and line.assignee == "user"
                and not line.user_id
            )
            if missing:
                raise ValidationError(
                    self.env._(
                        "The automation line of %(stage)s needs its activity type, "
                        "its user or its email template.",
                        stage=line.stage_id.name,
                    )
                )

    @api.constrains("user_id", "activity_type_id")
    def _check_activity(self):
        """The form's limits, for every way in: a portal user would be emailed
        every opportunity entering the stage."""
        for line in self:
            user = line.user_id
            if user and (user.share or not user.active):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be given the activities planned on entering "
                        "%(stage)s: choose an active internal user.",
                        user=user.name,
                        stage=line.stage_id.name,
                    )
                )
            model = line.activity_type_id.res_model
            if model and model != "crm.lead":
                raise ValidationError(
                    self.env._(
                        "The activity type %(type)s is meant for %(model)s, not for "
                        "opportunities.",
                        type=line.activity_type_id.name,
                        model=self.env["ir.model"]._get(model).name,
                    )
                )

    @api.model
    def _check_values(self, vals, stage):
        """Values the line could not act on, refused before the database."""
        for name in SELECTIONS:
            field = self._fields[name]
            if vals.get(name) and vals[name] not in field.get_values(self.env):
                raise ValidationError(
                    self.env._(
                        "The automation line of %(stage)s cannot have %(value)s as "
                        "its %(field)s: choose one from the list.",
                        stage=stage.name,
                        value=repr(vals[name]),
                        field=field._description_string(self.env),
                    )
                )
        days = vals.get("delay_days") or 0
        if not isinstance(days, int) or not 0 <= days <= MAX_DELAY_DAYS:
            raise ValidationError(
                self.env._(
                    "The activity planned on entering %(stage)s must be due "
                    "within %(maximum)s days (got %(days)s).",
                    stage=stage.name,
                    maximum=MAX_DELAY_DAYS,
                    days=days,
                )
            )

    @api.model
    def _check_self_written(self, vals_list):
        if not self.env.su and any(
            name in vals for vals in vals_list for name in SELF_WRITTEN
        ):
            raise AccessError(
                self.env._(
                    "A stage's automation line writes its own rule and notes who "
                    "chose its email template."
                )
            )

    def _check_may_switch_on(self):
        """A rule an administrator made his own (his condition, another action,
        code of his) is his to switch on: a sales manager switches on only what
        the event catalogue writes. Checked on the real user, sudo or not."""
        custom = self.filtered(lambda line: line.is_custom and not line.enabled)
        if custom and not self.env.user.has_group("base.group_system"):
            raise AccessError(
                self.env._(
                    "The rule %(rule)s was changed by an administrator in Automation "
                    "Rules: only an administrator may switch it on.",
                    rule=custom[0].rule_name,
                )
            )
