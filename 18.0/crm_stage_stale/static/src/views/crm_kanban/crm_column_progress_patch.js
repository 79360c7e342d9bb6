/** @odoo-module **/

import { getCurrency } from "@web/core/currency";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { CrmColumnProgress } from "@crm/views/crm_kanban/crm_column_progress";
import { STALE_DOMAIN } from "./crm_kanban_model_patch";

patch(CrmColumnProgress.prototype, {
    /** Whether the column shows the server's totals, in the company's currency. */
    get showsCompanyRevenue() {
        const { group, progressBarState } = this.props;
        return progressBarState.progressAttributes.company_revenue_totals && group.model.hasStageColumns;
    },

    get revenues() {
        const { group } = this.props;
        return group.model.columnRevenues[group.value] || { expected: 0, weighted: 0 };
    },

    get revenueCurrency() {
        return getCurrency(this.props.group.model.revenueCurrencyId) || false;
    },

    get expectedRevenueAggregate() {
        const { aggregate, progressBarState } = this.props;
        const sumField = progressBarState.progressAttributes.sumField;
        if (!this.showsCompanyRevenue || sumField?.name !== "expected_revenue") {
            return aggregate;
        }
        return { ...aggregate, value: this.revenues.expected, currency: this.revenueCurrency };
    },

    get weightedRevenueAggregate() {
        if (!this.showsCompanyRevenue) {
            return null;
        }
        return {
            value: this.revenues.weighted,
            title: _t("Weighted Revenue"),
            currency: this.revenueCurrency,
        };
    },

    get staleCount() {
        const { group } = this.props;
        return group.model.staleCounts?.[group.value] || 0;
    },

    get staleTitle() {
        return _t("Stale opportunities: %s. Click to show only them.", this.staleCount);
    },

    get isStaleFilterActive() {
        return this.props.group.model.staleFilteredGroups?.has(this.props.group.value);
    },

    /** Show only the column's stale cards, like a click on the progress bar. */
    async onStaleClick() {
        const { group, progressBarState } = this.props;
        const filtered = group.model.staleFilteredGroups;
        if (filtered.has(group.value)) {
            filtered.delete(group.value);
            await group.applyFilter(undefined);
        } else {
            delete progressBarState.activeBars[group.serverValue];
            filtered.add(group.value);
            await group.applyFilter(STALE_DOMAIN);
        }
        group.model.notify();
    },

    async onBarClick(bar) {
        this.props.group.model.staleFilteredGroups?.delete(this.props.group.value);
        return super.onBarClick(bar);
    },
});
