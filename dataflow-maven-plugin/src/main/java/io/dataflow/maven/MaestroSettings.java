package io.dataflow.maven;

import io.dataflow.core.maestro.MaestroMapping;

/**
 * The plugin's {@code <maestro>} configuration: the Maestro server released workflow versions are pushed to, and the
 * Maestro job types Dataflow jobs run as (docs/maestro.md). Maven fills the fields from the pom.
 *
 * <pre>{@code
 * <maestro>
 *   <url>https://maestro.example.com/</url>
 *   <sparkType>spark_job:v2</sparkType>
 * </maestro>
 * }</pre>
 */
public class MaestroSettings {

    /** The server; empty means nothing is pushed. {@code -Ddataflow.maestro.url} overrides it. */
    private String url;

    /** Maestro owner of the workflows; empty means the user who deploys. */
    private String owner;

    /** Time zone of {@code trigger.cron}; empty means UTC. */
    private String timezone;

    /** Maestro job type ({@code type} or {@code type:version}) of Spark jobs; default {@code Spark}. */
    private String sparkType;

    /** Maestro job type of Metadata jobs; default {@code Metadata}. */
    private String metadataType;

    /** Maestro job type of HWM jobs; default {@code HWM}. */
    private String hwmType;

    /** Maestro job type of a wap template's audit steps; default {@code Audit}. */
    private String auditType;

    /** Maestro job type of a wap template's publish step; default {@code WapPublish}. */
    private String publishType;

    /**
     * The Maestro step type the job templates above run as (e.g. {@code Kubernetes}); needed only for workflows with a
     * trigger, which are pushed as Maestro's JSON create request.
     */
    private String templateStepType;

    /** Seconds one request to Maestro may take; default 60. */
    private Integer timeoutSeconds;

    public MaestroSettings() {}

    /** The job types and workflow settings, checked; the message names the element to fix. */
    MaestroMapping mapping() {
        return new MaestroMapping(
                MaestroMapping.JobType.parse(sparkType, "<maestro><sparkType>"),
                MaestroMapping.JobType.parse(metadataType, "<maestro><metadataType>"),
                MaestroMapping.JobType.parse(hwmType, "<maestro><hwmType>"),
                MaestroMapping.JobType.parse(auditType, "<maestro><auditType>"),
                MaestroMapping.JobType.parse(publishType, "<maestro><publishType>"),
                templateStepType, owner, timezone);
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getTimezone() {
        return timezone;
    }

    public void setTimezone(String timezone) {
        this.timezone = timezone;
    }

    public String getSparkType() {
        return sparkType;
    }

    public void setSparkType(String sparkType) {
        this.sparkType = sparkType;
    }

    public String getMetadataType() {
        return metadataType;
    }

    public void setMetadataType(String metadataType) {
        this.metadataType = metadataType;
    }

    public String getHwmType() {
        return hwmType;
    }

    public void setHwmType(String hwmType) {
        this.hwmType = hwmType;
    }

    public String getAuditType() {
        return auditType;
    }

    public void setAuditType(String auditType) {
        this.auditType = auditType;
    }

    public String getPublishType() {
        return publishType;
    }

    public void setPublishType(String publishType) {
        this.publishType = publishType;
    }

    public String getTemplateStepType() {
        return templateStepType;
    }

    public void setTemplateStepType(String templateStepType) {
        this.templateStepType = templateStepType;
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(Integer timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }
}
