/** How a step reads in words: "用户 → 电商平台：注册账号并登录". Shared by the narration and the step list. */
import { t, tx } from '../../i18n/index.svelte.ts';
import type { BiText, Flow } from '../../content/schema.ts';
import type { StepDef } from '../../engine/flow/types.ts';

export function arrowText(flow: Flow, step: StepDef<BiText>): string {
  const role = (id: string) => tx(flow.roles.find((r) => r.id === id)?.name ?? { zh: id, en: id });
  return t('flows.arrow', { from: role(step.from), to: role(step.to), message: tx(step.message) });
}
