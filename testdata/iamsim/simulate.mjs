// Runs the cases the Go oracle test writes (a JSON array, file given as the
// first argument) through @cloud-copilot/iam-simulate and prints one result
// per case: "Allowed", "ExplicitlyDenied", "ImplicitlyDenied" or "error: ...".
// Test-time only: nothing of configward links to the simulator.
import { readFileSync } from 'node:fs'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const out = []
for (const c of cases) {
  const sim = {
    request: {
      principal: c.principal === '' ? { type: 'Anonymous' } : c.principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables: c.context || {},
    },
    identityPolicies: (c.identity || []).map((p, i) => ({ name: 'identity' + i, policy: p })),
    serviceControlPolicies: (c.scp || []).length ? [{ orgIdentifier: 'o-aaaaaaaaaa', policies: c.scp.map((p, i) => ({ name: 'scp' + i, policy: p })) }] : [],
    resourceControlPolicies: (c.rcp || []).length ? [{ orgIdentifier: 'o-aaaaaaaaaa', policies: c.rcp.map((p, i) => ({ name: 'rcp' + i, policy: p })) }] : [],
  }
  if (c.resourcePolicy) sim.resourcePolicy = c.resourcePolicy
  if (c.endpoint) sim.vpcEndpointPolicies = [{ name: 'endpoint', policy: c.endpoint }]
  try {
    const r = await runSimulation(sim, {})
    out.push(r.resultType === 'error' ? 'error: ' + JSON.stringify(r.errors) : r.overallResult)
  } catch (e) {
    out.push('error: ' + String(e))
  }
}
process.stdout.write(JSON.stringify(out))
