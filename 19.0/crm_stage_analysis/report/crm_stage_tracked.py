from odoo import api, fields, models, tools
from odoo.tools import SQL

# after every stage of the pipeline, in either direction
DELETED_STAGE_SEQUENCE = 2**31 - 1


class CrmStageTracked(models.Model):
    """The stages the reports group by: every stage of the pipeline, and every
    name a deleted stage had when its opportunities' stage changes were
    tracked. Grouped by it, the reports read the stages in pipeline order,
    either way, as Odoo orders many2one groups by the comodel's order."""

    _name = "crm.stage.tracked"
    _description = "Tracked Stage"
    _auto = False
    _order = "sequence, name, id"
    # flushed before the reports are read; Odoo reads it on the class
    _depends = {  # noqa: RUF012
        "crm.stage": ["name", "sequence"],
        "mail.tracking.value": [
            "field_id",
            "new_value_char",
            "new_value_integer",
            "old_value_char",
            "old_value_integer",
        ],
    }

    name = fields.Char(string="Stage", translate=True, readonly=True)
    sequence = fields.Integer(readonly=True)
    stage_id = fields.Many2one(
        "crm.stage",
        string="Stage Record",
        readonly=True,
        help="Empty when the stage has been deleted since.",
    )

    @api.model
    def _deleted_stage_id_sql(self, tracked_name):
        """The id of a deleted stage's tracked name: negative, so that no
        stage's id is one, and the same from one reading to the next."""
        return SQL("-1 - (hashtext(%s) & 2147483647)", tracked_name)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(view)s AS (
                    SELECT id, name, sequence, id AS stage_id
                      FROM crm_stage
                     UNION ALL
                    SELECT %(deleted_id)s, jsonb_build_object('en_US', deleted.name),
                           %(deleted_sequence)s, NULL
                      FROM (
                            SELECT DISTINCT tracked.name
                              FROM mail_tracking_value tracking
                             CROSS JOIN LATERAL (
                                   VALUES (tracking.old_value_integer,
                                           tracking.old_value_char),
                                          (tracking.new_value_integer,
                                           tracking.new_value_char)
                             ) tracked (stage_id, name)
                             WHERE tracking.field_id = %(field)s
                               AND tracked.name != ''
                               AND NOT EXISTS (
                                       SELECT FROM crm_stage
                                        WHERE crm_stage.id = tracked.stage_id
                                   )
                      ) deleted
                )
                """,
                view=SQL.identifier(self._table),
                deleted_id=self._deleted_stage_id_sql(SQL("deleted.name")),
                deleted_sequence=DELETED_STAGE_SEQUENCE,
                field=SQL(
                    "(SELECT id FROM ir_model_fields"
                    " WHERE model = 'crm.lead' AND name = 'stage_id')"
                ),
            )
        )
