/** Only the answer to the latest request counts: an answer is stale when a newer request was made
 * or the editor's text changed since it was asked. */

export interface Ticket {
  readonly seq: number;
  readonly text: string;
}

export class LatestOnly {
  private seq = 0;

  begin(text: string): Ticket {
    this.seq += 1;
    return { seq: this.seq, text };
  }

  /** Forget every request in flight (the editor was emptied, detached or disabled). */
  invalidate(): void {
    this.seq += 1;
  }

  isCurrent(ticket: Ticket, currentText: string): boolean {
    return ticket.seq === this.seq && ticket.text === currentText;
  }
}
