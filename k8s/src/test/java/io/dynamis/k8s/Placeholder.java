package io.dynamis.k8s;
class Placeholder { @org.junit.jupiter.api.Test void x() { new io.fabric8.kubernetes.api.model.apps.Deployment(); } }
