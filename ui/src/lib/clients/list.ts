// The client list's filter: initials and code only, never names (ARCHITECTURE.md).
import type { ClientFilter } from "../generated/ClientFilter";
import type { ClientSummary } from "../generated/ClientSummary";
import type { FolioApi } from "../ipc";

export interface ClientFilterForm {
  search: string;
  state: string;
  modality: string;
  setting: string;
  safeguardingOnly: boolean;
  sort: string;
}

/** The list's first order: newest referral first. */
const DEFAULT_SORT = "referral-date";

export function emptyClientFilter(): ClientFilterForm {
  return { search: "", state: "", modality: "", setting: "", safeguardingOnly: false, sort: DEFAULT_SORT };
}

/** Whether any filter narrows the list (the empty list then says "No clients match"). */
export function isFiltering(f: ClientFilterForm): boolean {
  return f.search !== "" || f.state !== "" || f.modality !== "" || f.setting !== "" || f.safeguardingOnly;
}

export function filterRequest(f: ClientFilterForm): ClientFilter {
  return {
    state: f.state,
    modality: f.modality,
    setting: f.setting,
    safeguarding: f.safeguardingOnly ? true : null,
    search: f.search,
    sort: f.sort,
  };
}

export function listClients(api: Pick<FolioApi, "listClients">, f: ClientFilterForm): Promise<ClientSummary[]> {
  return api.listClients(filterRequest(f));
}

/** "1 client", "2 clients". */
export function clientCount(n: number): string {
  return `${n} ${n === 1 ? "client" : "clients"}`;
}
