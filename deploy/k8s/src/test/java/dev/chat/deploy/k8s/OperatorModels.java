package dev.chat.deploy.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.List;
import java.util.Map;

/**
 * Typed models of the CloudNativePG and External Secrets objects the prod overlay uses. Neither operator publishes
 * a Java model or its CRDs on Maven Central, so these are written from their API references (CloudNativePG
 * postgresql.cnpg.io/v1, External Secrets external-secrets.io/v1) for the fields those references define,
 * and read strictly: a misspelt or misplaced field fails. deploy/README.md says what this does and does not prove.
 */
final class OperatorModels {

    private OperatorModels() {
    }

    record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
    }

    record ClusterSpec(String description, String imageName, Integer instances, String primaryUpdateStrategy,
            String primaryUpdateMethod, PostgresConfiguration postgresql, Bootstrap bootstrap, Storage storage,
            Storage walStorage, ResourceRequirements resources, Affinity affinity, Monitoring monitoring, Backup backup,
            Boolean enableSuperuserAccess, LocalObjectReference superuserSecret, Integer minSyncReplicas,
            Integer maxSyncReplicas, Boolean enablePDB, String logLevel, Integer startDelay, Integer stopDelay,
            Integer smartShutdownTimeout, InheritedMetadata inheritedMetadata) {
    }

    record PostgresConfiguration(Map<String, String> parameters, @JsonProperty("pg_hba") List<String> pgHba) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner, LocalObjectReference secret, String encoding, String localeCollate,
            String localeCType, Boolean dataChecksums, List<String> postInitApplicationSQL) {
    }

    record Storage(String size, String storageClass, Boolean resizeInUseVolumes) {
    }

    record Affinity(Boolean enablePodAntiAffinity, String topologyKey, String podAntiAffinityType) {
    }

    record Monitoring(Boolean enablePodMonitor) {
    }

    record Backup(BarmanObjectStore barmanObjectStore, String retentionPolicy, String target) {
    }

    record BarmanObjectStore(String destinationPath, String endpointURL, S3Credentials s3Credentials, WalBackup wal,
            DataBackup data, String serverName) {
    }

    record S3Credentials(SecretKeySelector accessKeyId, SecretKeySelector secretAccessKey, SecretKeySelector region,
            SecretKeySelector sessionToken, Boolean inheritFromIAMRole) {
    }

    record WalBackup(String compression, String encryption, Integer maxParallel) {
    }

    record DataBackup(String compression, String encryption, Integer jobs, Boolean immediateCheckpoint) {
    }

    record InheritedMetadata(Map<String, String> labels, Map<String, String> annotations) {
    }

    record LocalObjectReference(String name) {
    }

    record SecretKeySelector(String name, String key) {
    }

    record ScheduledBackup(String apiVersion, String kind, ObjectMeta metadata, ScheduledBackupSpec spec) {
    }

    record ScheduledBackupSpec(String schedule, LocalObjectReference cluster, String backupOwnerReference,
            Boolean immediate, String method, String target, Boolean suspend) {
    }

    record ExternalSecret(String apiVersion, String kind, ObjectMeta metadata, ExternalSecretSpec spec) {
    }

    record ExternalSecretSpec(String refreshInterval, SecretStoreRef secretStoreRef, Target target,
            List<ExternalSecretData> data, List<Map<String, Object>> dataFrom) {
    }

    record SecretStoreRef(String name, String kind) {
    }

    record Target(String name, String creationPolicy, String deletionPolicy, Template template, Boolean immutable) {
    }

    record Template(String type, String engineVersion, InheritedMetadata metadata, Map<String, String> data,
            String mergePolicy) {
    }

    record ExternalSecretData(String secretKey, RemoteRef remoteRef) {
    }

    record RemoteRef(String key, String property, String version, String conversionStrategy, String decodingStrategy,
            String metadataPolicy) {
    }
}
