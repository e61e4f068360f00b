/** The polite live region's message. One writer: `announce`. The App shell renders it. */
const state = $state({ message: '', serial: 0 });

export const announcement = {
  get message(): string {
    return state.message;
  },
  get serial(): number {
    return state.serial;
  },
};

let serial = 0;

/** Safe to call from an effect: it writes the region's state but never reads it. */
export function announce(message: string): void {
  state.message = message;
  state.serial = ++serial;
}
