// Validates rendered Kubernetes objects against the schemas the kubernetes-models packages are generated from: the
// Kubernetes OpenAPI for built-in kinds, the operators' CRDs for theirs. Usage: node validate.mjs objects.json
// Prints one line per problem and exits 1 if there is any; an object of a kind no package here knows is a problem too.
import { readFileSync } from "node:fs";

const PACKAGES = {
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io",
  "external-secrets.io": "@kubernetes-models/external-secrets/external-secrets.io",
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com",
};

function modulePath(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  if (slash < 0) {
    return `kubernetes-models/${apiVersion}/${kind}`;
  }
  const group = apiVersion.substring(0, slash);
  const version = apiVersion.substring(slash + 1);
  const base = PACKAGES[group] ?? `kubernetes-models/${group}`;
  return `${base}/${version}/${kind}`;
}

const objects = JSON.parse(readFileSync(process.argv[2], "utf8"));
let problems = 0;
for (const object of objects) {
  const what = `${object.kind}/${object.metadata?.name}`;
  let Model;
  try {
    Model = (await import(modulePath(object.apiVersion, object.kind)))[object.kind];
  } catch (e) {
    console.log(`${what}: no schema for ${object.apiVersion} ${object.kind}`);
    problems++;
    continue;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    console.log(`${what}: ${e.message.split("\n")[0]}`);
    problems++;
  }
}
process.exit(problems === 0 ? 0 : 1);
