/**
 * Deletions of folders that may hold paths no layer lists. An earlier layer of unknown certainty
 * (an unmodelled command, a package manager) may have written into such a folder, so the size of
 * what the RUN deletes there is unknown, and the layer is no more than an estimate.
 */
import { hidesLowerChildren, leastCertain, type LayerEntry } from '../../model/layer';
import type { LayerStack } from '../../model/stack';
import { addNote, type RunReport } from './context';

/**
 * Lowers the certainty of a RUN layer whose entries hide a lower folder that may hold unlisted
 * paths, marks such whiteouts `estimated`, and names each folder in a note. It applies the rule
 * that `LayerStack` applies when it tallies the deleted bytes, so both agree.
 */
export function markUnlistedDeletions(report: RunReport, entries: LayerEntry[], below: LayerStack): LayerEntry[] {
  return entries.map((entry) => {
    const hides = entry.op === 'delete' || hidesLowerChildren(entry);
    if (!hides || below.lookup(entry.path)?.entry.type !== 'directory' || !below.mayHoldUnlisted(entry.path)) return entry;
    addNote(report, `${entry.path} may hold files that earlier steps wrote without listing them, so the size of what this RUN deletes there is unknown.`);
    report.floor = leastCertain(report.floor, 'estimated');
    return entry.op === 'delete' ? { ...entry, certainty: leastCertain(entry.certainty, 'estimated') } : entry;
  });
}
