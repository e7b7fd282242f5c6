package io.dataflow.samples.quickstart;

/** The job a workflow would run: here it only greets, so the sample needs nothing but a JDK. */
public final class HelloJob {

    private HelloJob() {}

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "Dataflow";
        System.out.println("Hello, " + name + "!");
    }
}
