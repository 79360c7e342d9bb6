/** @odoo-module **/

import { Domain } from "@web/core/domain";
import { KeepLast } from "@web/core/utils/concurrency";
import { patch } from "@web/core/utils/patch";
import { RelationalModel } from "@web/model/relational_model/relational_model";
import {
    CrmKanbanDynamicGroupList,
    CrmKanbanModel,
} from "@crm/views/crm_kanban/crm_kanban_model";

export const STALE_DOMAIN = [["is_rotting", "=", true]];

/**
 * Per stage column, what the server counts (a column only loads its first
 * cards): its stale opportunities, and its expected and weighted revenue in the
 * company's currency (each opportunity converted at today's rate). Fetched
 * with the pipeline, again after a move, an activity change or a column filter.
 */
patch(CrmKanbanModel.prototype, {
    setup() {
        super.setup(...arguments);
        this.staleCounts = {};
        this.staleFilteredGroups = new Set();
        this.columnRevenues = {};
        this.revenueCurrencyId = false;
        this.columnTotalsKeepLast = new KeepLast();
    },

    async load() {
        await super.load(...arguments);
        // the cards first: the columns' totals follow when the server answers
        this.loadColumnTotals();
    },

    get hasStageColumns() {
        return this.config.groupBy?.[0] === "stage_id" && !this.orm.isSample;
    },

    async loadColumnTotals() {
        if (!this.hasStageColumns) {
            this.staleCounts = {};
            this.columnRevenues = {};
            return;
        }
        const { resModel, domain, context } = this.config;
        // only the answer to the last request counts
        const [staleCounts, revenues] = await this.columnTotalsKeepLast.add(Promise.all([
            this.orm.call(resModel, "read_stale_count_by_stage", [domain], { context }),
            this.orm.call(resModel, "read_revenue_by_stage", [domain], { context }),
        ]));
        this.staleCounts = Object.fromEntries(
            staleCounts.map(({ stage_id, count }) => [stage_id, count])
        );
        this.revenueCurrencyId = revenues.currency_id;
        this.columnRevenues = Object.fromEntries(
            revenues.stages.map(({ stage_id, ...totals }) => [stage_id, totals])
        );
        for (const group of this.root.groups || []) {
            // like an emptied progress bar selection: a column filtered on its
            // stale cards shows all of them again once it has none left
            if (this.staleFilteredGroups.has(group.value) && !this.staleCounts[group.value]) {
                this.staleFilteredGroups.delete(group.value);
                await group.applyFilter(undefined);
            } else if (group.config.extraDomain) {
                await this.loadFilteredRevenue(group);
            }
        }
        this.notify();
    },

    /** The revenue of a column filtered on a progress bar or its stale cards. */
    async loadFilteredRevenue(group) {
        const { resModel, context } = this.config;
        const domain = Domain.and([group.groupDomain, group.config.extraDomain || []]);
        const revenues = await this.orm.call(
            resModel,
            "read_revenue_by_stage",
            [domain.toList()],
            { context }
        );
        this.columnRevenues[group.value] = revenues.stages.find(
            ({ stage_id }) => stage_id === group.value
        );
    },
});

export class CrmKanbanGroup extends RelationalModel.Group {
    async applyFilter(filter) {
        await super.applyFilter(...arguments);
        if (this.model.hasStageColumns) {
            if (filter) {
                await this.model.loadFilteredRevenue(this);
            } else {
                await this.model.loadColumnTotals();
            }
        }
    }
}
CrmKanbanModel.Group = CrmKanbanGroup;

patch(CrmKanbanDynamicGroupList.prototype, {
    async moveRecord(dataRecordId, dataGroupId, refId, targetGroupId) {
        await super.moveRecord(...arguments);
        if (dataGroupId !== targetGroupId && this.model.hasStageColumns) {
            await this.model.loadColumnTotals();
        }
    },
});
