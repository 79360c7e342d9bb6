from markupsafe import Markup

from odoo import models
from odoo.tools import format_list


class CrmLead(models.Model):
    """Automated moves and stage gates: an opportunity lacking what a stage
    requires stays, with a note saying what it lacks."""

    _inherit = "crm.lead"

    def _filter_movable_to_stage(self, stage, documents, rule_name):
        movable = super()._filter_movable_to_stage(stage, documents, rule_name)
        missing = movable._missing_stage_requirements(stage)
        if not missing:
            return movable
        unmet = movable.browse(lead.id for lead in missing)
        unmet._log_unmet_stage_requirements(missing, stage, documents, rule_name)
        return movable - unmet

    def _log_unmet_stage_requirements(self, missing, stage, documents, rule_name):
        """Say in the chatter of each of these opportunities what it lacks to
        enter ``stage``, from ``missing`` ({opportunity: (field names, labels)})
        and ``documents`` ({opportunity ID: the document behind the move})."""
        message = Markup(
            self.env._(
                "Not moved to %(stage)s by the automation rule %(rule)s, triggered "
                "by %(document)s: it still needs %(missing)s."
            )
        )
        self._message_log_batch(
            {
                lead.id: message
                % {
                    "stage": stage.name,
                    "rule": rule_name,
                    "document": documents[lead.id]._get_html_link(),
                    "missing": format_list(self.env, labels),
                }
                for lead, (_names, labels) in missing.items()
            }
        )
