package org.example;

public class Job {
    public static void main(String[] args) {
        System.out.println("job version 1");
    }
}
