from odoo import api, fields, models
from odoo.tools import SQL


class CrmStageHistory(models.AbstractModel):
    """What the reports over the stage history share: the stays of the
    opportunities in their stages, read from the stage tracking Odoo keeps on
    every opportunity (history from before this module included), stages read
    in pipeline order, a row that opens its opportunity."""

    _name = "crm.stage.history"
    _description = "Stage History"
    _rec_name = "lead_id"
    # flushed before a report is read; Odoo reads it on the class
    _depends = {  # noqa: RUF012
        "crm.lead": [
            "active",
            "company_id",
            "create_date",
            "date_closed",
            "merged_stage_change_ids",
            "stage_id",
            "team_id",
            "type",
            "user_id",
        ],
        "crm.stage": ["is_won", "name", "sequence"],
        "mail.message": ["date", "model", "res_id"],
        "mail.tracking.value": [
            "field_id",
            "mail_message_id",
            "new_value_char",
            "new_value_integer",
            "old_value_char",
            "old_value_integer",
        ],
    }

    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    stage_tracked_id = fields.Many2one(
        "crm.stage.tracked",
        string="Stage",
        readonly=True,
        help="The stage's current name, or the name it had when it was deleted.",
    )
    stage_id = fields.Many2one(
        "crm.stage",
        string="Stage Record",
        readonly=True,
        help="Empty when the stage has been deleted since.",
    )
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_in = fields.Datetime(string="Entered On", readonly=True)
    outcome = fields.Selection(
        [("open", "Open"), ("won", "Won"), ("lost", "Lost")],
        readonly=True,
        help="How the opportunity ended, or Open while it is still in progress.",
    )

    @api.model
    def _stays_query(self):
        """One row per stay of an opportunity in a stage: each stage change opens
        a stay that the next change closes; an opportunity's first stay starts
        at its creation, in the stage its first change left (or its stage today,
        if it never changed). A won or lost opportunity leaves its last stage
        when it is closed: won in a won stage, archived or not; lost when
        archived in another. The stage changes that a merge moved onto an
        opportunity are the merged ones', not its. No stay lasts less than 0
        days.

        Columns: id (even for a change, twice the tracking value's; odd for a
        creation: the same from one reading to the next), position (0 for the
        creation, then the changes in order), lead_id, stage_id (as tracked: a
        deleted stage keeps its id), tracked_name (the stage's name at the
        change, empty for a creation without changes), team_id, user_id,
        company_id, date_in, date_out, days, outcome."""
        return SQL(
            """
            WITH changes AS (
                SELECT message.res_id AS lead_id,
                       tracking.id AS tracking_id,
                       message.date,
                       tracking.old_value_integer AS old_stage_id,
                       tracking.old_value_char AS old_stage_name,
                       tracking.new_value_integer AS new_stage_id,
                       tracking.new_value_char AS new_stage_name,
                       ROW_NUMBER() OVER stays AS rank,
                       LEAD(message.date) OVER stays AS next_date
                  FROM mail_tracking_value tracking
                  JOIN mail_message message ON message.id = tracking.mail_message_id
                 WHERE tracking.field_id = %(field)s
                   AND message.model = 'crm.lead'
                   -- noted by a merge on the opportunity that holds them now
                   AND NOT EXISTS (
                           SELECT FROM crm_lead_merged_stage_change_rel merged
                            WHERE merged.lead_id = message.res_id
                              AND merged.message_id = message.id
                       )
                WINDOW stays AS (
                    PARTITION BY message.res_id ORDER BY message.date, tracking.id
                )
            ), stays AS (
                SELECT stay.id,
                       stay.position,
                       lead.id AS lead_id,
                       stay.stage_id,
                       stay.tracked_name,
                       lead.team_id,
                       lead.user_id,
                       lead.company_id,
                       stay.date_in,
                       COALESCE(
                           stay.date_out,
                           CASE WHEN NOT lead.active OR lead_stage.is_won
                                THEN GREATEST(lead.date_closed, stay.date_in)
                           END
                       ) AS date_out,
                       -- archived in a won stage is won: archiving tidies
                       CASE WHEN lead_stage.is_won THEN 'won'
                            WHEN NOT lead.active THEN 'lost'
                            ELSE 'open'
                       END AS outcome
                  FROM crm_lead lead
                  LEFT JOIN crm_stage lead_stage ON lead_stage.id = lead.stage_id
                  LEFT JOIN changes change ON change.lead_id = lead.id
                 -- each change opens a stay; the first one also closes the stay
                 -- that started at the creation
                 CROSS JOIN LATERAL (
                       SELECT lead.id * 2 + 1 AS id,
                              0 AS position,
                              COALESCE(change.old_stage_id, lead.stage_id) AS stage_id,
                              change.old_stage_name AS tracked_name,
                              -- a creation is dated to the microsecond, a
                              -- change to the second: one within the second
                              -- of the creation happened after it all the same
                              LEAST(lead.create_date, change.date) AS date_in,
                              change.date AS date_out
                        WHERE change.rank IS NULL OR change.rank = 1
                        UNION ALL
                       SELECT change.tracking_id * 2, change.rank, change.new_stage_id,
                              change.new_stage_name, change.date, change.next_date
                        WHERE change.rank IS NOT NULL
                 ) stay
                 WHERE lead.type = 'opportunity'
            )
            SELECT stays.*,
                   -- Odoo's clock dates the changes, PostgreSQL's tells now: a
                   -- stage just entered may look entered a moment from now
                   GREATEST(
                       EXTRACT(EPOCH FROM COALESCE(date_out, NOW() AT TIME ZONE 'UTC')
                                          - date_in),
                       0
                   ) / 86400 AS days
              FROM stays
            """,
            field=SQL(
                "(SELECT id FROM ir_model_fields"
                " WHERE model = 'crm.lead' AND name = 'stage_id')"
            ),
        )

    @api.model
    def _stage_tracked_id_sql(self, stage, tracked_name):
        """The stage a report groups by: the stage, or the name it had when
        tracked if it has been deleted since."""
        return SQL(
            "COALESCE(%s.id, %s)",
            SQL.identifier(stage),
            self.env["crm.stage.tracked"]._deleted_stage_id_sql(tracked_name),
        )

    @api.readonly
    def action_open_opportunity(self):
        """A row's click: its opportunity's form. Read-only: served by a
        replica when there is one."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
