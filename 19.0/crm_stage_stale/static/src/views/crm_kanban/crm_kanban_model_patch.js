import { KeepLast } from "@web/core/utils/concurrency";
import { patch } from "@web/core/utils/patch";
import {
    CrmKanbanDynamicGroupList,
    CrmKanbanModel,
} from "@crm/views/crm_kanban/crm_kanban_model";

/**
 * Per stage column, its rotting opportunities as the server counts them (a
 * column only loads its first cards). Fetched with the pipeline, again after a
 * move or an activity change; the model's bus announces each new count.
 */
patch(CrmKanbanModel.prototype, {
    setup() {
        super.setup(...arguments);
        this.staleCounts = null;
        this.staleCountsKeepLast = new KeepLast();
    },

    async load() {
        await super.load(...arguments);
        // the cards first: the counts follow when the server answers
        this.loadStaleCounts();
    },

    get hasStageColumns() {
        return this.config.groupBy?.[0] === "stage_id" && !this.orm.isSample;
    },

    /** The rotting opportunities of a column, or null while not counted. */
    staleCountOf(group) {
        return this.staleCounts && (this.staleCounts[group.value] || 0);
    },

    async loadStaleCounts() {
        if (!this.hasStageColumns) {
            this.staleCounts = null;
            return;
        }
        const { resModel, domain, context } = this.config;
        // only the answer to the last request counts
        const counts = await this.staleCountsKeepLast.add(
            this.orm.call(resModel, "read_stale_count_by_stage", [domain], { context })
        );
        this.staleCounts = Object.fromEntries(
            counts.map(({ stage_id, count }) => [stage_id, count])
        );
        this.bus.trigger("STALE_COUNTS_LOADED");
        this.notify();
    },
});

patch(CrmKanbanDynamicGroupList.prototype, {
    async moveRecord(dataRecordId, dataGroupId, refId, targetGroupId) {
        await super.moveRecord(...arguments);
        if (dataGroupId !== targetGroupId) {
            await this.model.loadStaleCounts();
        }
    },
});
