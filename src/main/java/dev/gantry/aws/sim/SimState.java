package dev.gantry.aws.sim;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the simulated account holds, as plain Jackson-serialisable objects (public fields,
 * no-arg constructors), one part per service. Services read each other's parts where AWS's rules
 * cross services (a certificate validates only when its record exists in the zone).
 */
public final class SimState {
    public String accountId = "123456789012";
    public String region = "us-east-1";
    public long idCounter;
    public long clockEpochMillis;

    public Ec2State ec2 = new Ec2State();
    public EcsState ecs = new EcsState();
    public ElbState elb = new ElbState();
    public AcmState acm = new AcmState();
    public Route53State route53 = new Route53State();
    public SsmState ssm = new SsmState();
    /** SSM in the account's other regions, by region: parameters a task reads by ARN from elsewhere. */
    public Map<String, SsmState> ssmElsewhere = new TreeMap<>();

    /** This account's SSM in {@code region}. */
    public synchronized SsmState ssmIn(String region) {
        return region == null || region.equals(this.region) ? ssm : ssmElsewhere.computeIfAbsent(region, r -> new SsmState());
    }
    public IamState iam = new IamState();
    public LogsState logs = new LogsState();
    public ScalingState scaling = new ScalingState();
    public EcrState ecr = new EcrState();
    public SecretsState secrets = new SecretsState();
    public CloudWatchState cloudWatch = new CloudWatchState();
    public SnsState sns = new SnsState();
    public EventsState events = new EventsState();
    public SchedulerState scheduler = new SchedulerState();
    public LambdaState lambda = new LambdaState();
    public CloudMapState cloudMap = new CloudMapState();
}
