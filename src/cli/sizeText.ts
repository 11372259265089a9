/** Byte sizes of layers and folders for the explain text, worded as the editor words them. */
export { formatSizeTally as describeSize, type SizeTally } from '../core/report/format';
