/** The data of the buttons that open a cited paragraph. Pure; never throws. */
import { paragraphButtons } from '../shared/buttons.js';

/** Telegram's limit for callback data, in bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

const buttons = paragraphButtons('s:', (data) => Buffer.byteLength(data, 'utf8') <= CALLBACK_DATA_MAX_BYTES);

/** Button data that opens a paragraph, or null when the id would not fit in 64 bytes. */
export const sourceButtonData = buttons.encode;

/** The paragraph id in button data, or null for anything else (see `ParagraphButtons.decode`). */
export const parseButtonData = buttons.decode;
