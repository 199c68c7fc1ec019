import type { ChangeContext } from '../types.js';

/** The notes an on-duty person leaves for whoever takes the next shift. */
export interface HandoverRecord {
  rotationId: string;
  shiftStart: number;
  author: string;
  notes: string;
  openItems: string[];
  updatedAt: number;
}

/** Handover notes, one per rotation and shift; saving again replaces them. */
export interface HandoverStore {
  saveHandover(h: Omit<HandoverRecord, 'updatedAt'>, ctx: ChangeContext): Promise<void>;
  handover(rotationId: string, shiftStart: number): Promise<HandoverRecord | undefined>;
}
