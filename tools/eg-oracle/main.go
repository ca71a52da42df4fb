// Command eg-oracle computes the status Envoy Gateway would write for a set of Kubernetes objects,
// by running Envoy Gateway's own translator (internal/gatewayapi) on them. Gatemap's differential
// check (scripts/oracle.sh) compares that status with Gatemap's analysis of the same objects.
//
// It imports Envoy Gateway's internal packages, which Go allows only from inside that module, so
// it is not built here: scripts/oracle.sh copies the pinned module out of the module cache and
// builds this file as a command inside the copy (see README.md).
//
// Input on stdin: {"sets":[{"name":"...","objects":[<Kubernetes objects as JSON>...]}]}.
// Output on stdout: {"implementation":"...","sets":[{"name","objects":[{"kind","namespace",
// "name","status"}],"notes":[...],"error":"..."}]}. Objects are Gateways, ListenerSets, routes and
// the policies whose ancestor status the translator writes (BackendTLSPolicy, BackendTrafficPolicy,
// ClientTrafficPolicy, SecurityPolicy; status.ancestors merged over every class's translation). A set that makes the translator fail or panic
// has "error" set and no objects; the others still run.
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"os"
	"reflect"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	gwapiv1 "sigs.k8s.io/gateway-api/apis/v1"
	gwapiv1b1 "sigs.k8s.io/gateway-api/apis/v1beta1"

	egv1a1 "github.com/envoyproxy/gateway/api/v1alpha1"
	"github.com/envoyproxy/gateway/internal/gatewayapi"
	"github.com/envoyproxy/gateway/internal/gatewayapi/resource"
	"github.com/envoyproxy/gateway/internal/gatewayapi/status"
	"github.com/envoyproxy/gateway/internal/logging"
)

type inputSet struct {
	Name    string           `json:"name"`
	Objects []map[string]any `json:"objects"`
}

type objectStatus struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name"`
	Status    any    `json:"status"`
}

type outputSet struct {
	Name    string         `json:"name"`
	Objects []objectStatus `json:"objects"`
	Notes   []string       `json:"notes,omitempty"`
	Error   string         `json:"error,omitempty"`
}

// implementation names what answered, for the comparison's report.
var implementation = "envoyproxy/gateway " + moduleVersion()

func main() {
	var in struct {
		Sets []inputSet `json:"sets"`
	}
	dec := json.NewDecoder(os.Stdin)
	if err := dec.Decode(&in); err != nil {
		fmt.Fprintf(os.Stderr, "eg-oracle: stdin is not the expected JSON ({\"sets\":[...]}): %v\n", err)
		os.Exit(2)
	}
	material, err := newKeyMaterial()
	if err != nil {
		fmt.Fprintf(os.Stderr, "eg-oracle: cannot make test certificates: %v\n", err)
		os.Exit(3)
	}
	out := struct {
		Implementation string      `json:"implementation"`
		Sets           []outputSet `json:"sets"`
	}{Implementation: implementation}
	for _, set := range in.Sets {
		out.Sets = append(out.Sets, runSet(set, material))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(os.Stderr, "eg-oracle: writing the result: %v\n", err)
		os.Exit(3)
	}
}

func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown version)"
	}
	// Built as a command inside the module's own copy, so the main module is Envoy Gateway; its
	// version is then "(devel)", and the script passes the real one in with -ldflags.
	if pinned != "" {
		return pinned
	}
	return info.Main.Version
}

// pinned is set by scripts/oracle.sh (-X main.pinned=v1.9.1).
var pinned string

// runSet translates one input set once per GatewayClass in it, as Envoy Gateway's provider hands
// the translator one class's resources at a time, and gathers the status of every object.
func runSet(set inputSet, material *keyMaterial) (result outputSet) {
	result = outputSet{Name: set.Name, Objects: []objectStatus{}}
	defer func() {
		if r := recover(); r != nil {
			result.Objects = []objectStatus{}
			result.Error = fmt.Sprintf("the translator panicked: %v", r)
		}
	}()
	base, notes, err := decodeSet(set.Objects, material)
	result.Notes = notes
	if err != nil {
		result.Error = err.Error()
		return result
	}
	classes := append([]*gwapiv1.GatewayClass(nil), base.classes...)
	sort.Slice(classes, func(i, j int) bool { return classes[i].Name < classes[j].Name })
	gathered := newGatherer()
	for _, class := range classes {
		if ref := class.Spec.ParametersRef; ref != nil {
			// The provider accepts only an EnvoyProxy here and reads it from the cluster; these inputs
			// carry none, so the class would not be accepted and none of its Gateways translated.
			result.Notes = append(result.Notes, fmt.Sprintf(
				"GatewayClass %s: parametersRef %s/%s is not an EnvoyProxy this check loads; its Gateways are not translated",
				class.Name, ref.Kind, ref.Name))
			continue
		}
		res := base.resourcesFor(class)
		rejectGatewayParametersRefs(res)
		res.Sort()
		t := &gatewayapi.Translator{
			GatewayControllerName: string(class.Spec.ControllerName),
			GatewayClassName:      gwapiv1.ObjectName(class.Name),
			ControllerNamespace:   controllerNamespace,
			MergeGateways:         gatewayapi.IsMergeGatewaysEnabled(res),
			MergeBackends:         gatewayapi.ResolveMergeBackendsConfig(res),
			Logger:                logging.DefaultLogger(io.Discard, egv1a1.LogLevelError),
		}
		translated, err := t.Translate(context.Background(), res)
		if err != nil {
			// Translation errors are about xDS output, not status; the status is still complete.
			result.Notes = append(result.Notes, fmt.Sprintf("GatewayClass %s: translator: %v", class.Name, err))
		}
		if translated == nil {
			continue
		}
		for _, gw := range translated.Gateways {
			// The translator leaves Gateway Accepted to the provider's status step, which derives it
			// from the listeners unless the Gateway was already refused (provider/kubernetes/status.go,
			// updateStatusForGateway); this calls the same function that step calls.
			if status.GatewayAccepted(gw) {
				status.UpdateGatewayStatusAccepted(gw)
			}
			gathered.gateway(gw)
		}
		for _, ls := range translated.ListenerSets {
			gathered.listenerSet(ls)
		}
		for _, r := range translated.HTTPRoutes {
			gathered.route("HTTPRoute", r.ObjectMeta, r.Status.RouteStatus)
		}
		for _, r := range translated.GRPCRoutes {
			gathered.route("GRPCRoute", r.ObjectMeta, r.Status.RouteStatus)
		}
		for _, r := range translated.TLSRoutes {
			gathered.route("TLSRoute", r.ObjectMeta, r.Status.RouteStatus)
		}
		for _, r := range translated.TCPRoutes {
			gathered.route("TCPRoute", r.ObjectMeta, r.Status.RouteStatus)
		}
		for _, r := range translated.UDPRoutes {
			gathered.route("UDPRoute", r.ObjectMeta, r.Status.RouteStatus)
		}
		for _, p := range translated.BackendTLSPolicies {
			gathered.policy("BackendTLSPolicy", p.ObjectMeta, p.Status)
		}
		for _, p := range translated.BackendTrafficPolicies {
			gathered.policy(egv1a1.KindBackendTrafficPolicy, p.ObjectMeta, p.Status)
		}
		for _, p := range translated.ClientTrafficPolicies {
			gathered.policy(egv1a1.KindClientTrafficPolicy, p.ObjectMeta, p.Status)
		}
		for _, p := range translated.SecurityPolicies {
			gathered.policy(egv1a1.KindSecurityPolicy, p.ObjectMeta, p.Status)
		}
	}
	result.Objects = gathered.objects()
	return result
}

// rejectGatewayParametersRefs does what the provider does before translating: a Gateway whose
// infrastructure.parametersRef is not an EnvoyProxy it can read is refused with InvalidParameters
// (provider/kubernetes/controller.go, processGatewayParamsRef), and the translator then leaves it
// out. These inputs carry no EnvoyProxy, so every such reference is unusable here.
func rejectGatewayParametersRefs(res *resource.Resources) {
	for _, gw := range res.Gateways {
		if gw.Spec.Infrastructure == nil || gw.Spec.Infrastructure.ParametersRef == nil {
			continue
		}
		ref := gw.Spec.Infrastructure.ParametersRef
		msg := fmt.Sprintf("unsupported parametersRef for gateway %s/%s", gw.Namespace, gw.Name)
		if string(ref.Group) == egv1a1.GroupVersion.Group && ref.Kind == egv1a1.KindEnvoyProxy {
			msg = fmt.Sprintf("failed to find envoyproxy %s/%s for Gateway %s", gw.Namespace, ref.Name, gw.Name)
		}
		status.UpdateGatewayStatusNotAccepted(gw, gwapiv1.GatewayReasonInvalidParameters, msg)
	}
}

// gatherer merges what each class's translation wrote: a Gateway belongs to one class, but a
// route's parents may span classes and a ListenerSet is returned by every translation.
type gatherer struct {
	order []string
	byKey map[string]*objectStatus
}

func newGatherer() *gatherer { return &gatherer{byKey: map[string]*objectStatus{}} }

func (g *gatherer) put(kind string, meta metav1.ObjectMeta, st any) *objectStatus {
	key := kind + "/" + meta.Namespace + "/" + meta.Name
	if o, ok := g.byKey[key]; ok {
		return o
	}
	o := &objectStatus{Kind: kind, Namespace: meta.Namespace, Name: meta.Name, Status: st}
	g.byKey[key] = o
	g.order = append(g.order, key)
	return o
}

func (g *gatherer) gateway(gw *gwapiv1.Gateway) { g.put("Gateway", gw.ObjectMeta, gw.Status) }

func (g *gatherer) listenerSet(ls *gwapiv1.ListenerSet) {
	if len(ls.Status.Conditions) == 0 && len(ls.Status.Listeners) == 0 {
		return // untouched by this class's translation
	}
	o := g.put("ListenerSet", ls.ObjectMeta, ls.Status)
	o.Status = ls.Status
}

func (g *gatherer) route(kind string, meta metav1.ObjectMeta, st gwapiv1.RouteStatus) {
	o := g.put(kind, meta, gwapiv1.RouteStatus{Parents: []gwapiv1.RouteParentStatus{}})
	merged := o.Status.(gwapiv1.RouteStatus)
	merged.Parents = append(merged.Parents, st.Parents...)
	o.Status = merged
}

// policy merges a policy's ancestors over the classes' translations: each translation writes
// the ancestors its own Gateways lead to, under its own controllerName.
func (g *gatherer) policy(kind string, meta metav1.ObjectMeta, st gwapiv1.PolicyStatus) {
	o := g.put(kind, meta, gwapiv1.PolicyStatus{Ancestors: []gwapiv1.PolicyAncestorStatus{}})
	merged := o.Status.(gwapiv1.PolicyStatus)
	for _, a := range st.Ancestors {
		seen := false
		for _, b := range merged.Ancestors {
			if b.ControllerName == a.ControllerName && reflect.DeepEqual(b.AncestorRef, a.AncestorRef) {
				seen = true
				break
			}
		}
		if !seen {
			merged.Ancestors = append(merged.Ancestors, a)
		}
	}
	o.Status = merged
}

func (g *gatherer) objects() []objectStatus {
	out := make([]objectStatus, 0, len(g.order))
	for _, key := range g.order {
		out = append(out, *g.byKey[key])
	}
	return out
}

// decoded holds a set's objects in Envoy Gateway's types, decoded once; resourcesFor gives each
// translation its own copies, because the translator writes status into them.
type decoded struct {
	classes         []*gwapiv1.GatewayClass
	gateways        []*gwapiv1.Gateway
	listenerSets    []*gwapiv1.ListenerSet
	httpRoutes      []*gwapiv1.HTTPRoute
	grpcRoutes      []*gwapiv1.GRPCRoute
	tlsRoutes       []*gwapiv1.TLSRoute
	tcpRoutes       []*gwapiv1.TCPRoute
	udpRoutes       []*gwapiv1.UDPRoute
	referenceGrants []*gwapiv1b1.ReferenceGrant
	backendTLS      []*gwapiv1.BackendTLSPolicy
	backendTraffic  []*egv1a1.BackendTrafficPolicy
	clientTraffic   []*egv1a1.ClientTrafficPolicy
	security        []*egv1a1.SecurityPolicy
	namespaces      []*corev1.Namespace
	services        []*corev1.Service
	endpointSlices  []*discoveryv1.EndpointSlice
	secrets         []*corev1.Secret
	configMaps      []*corev1.ConfigMap
}

func (d *decoded) resourcesFor(class *gwapiv1.GatewayClass) *resource.Resources {
	r := resource.NewResources()
	r.GatewayClass = class.DeepCopy()
	for _, o := range d.gateways {
		r.Gateways = append(r.Gateways, o.DeepCopy())
	}
	for _, o := range d.listenerSets {
		r.ListenerSets = append(r.ListenerSets, o.DeepCopy())
	}
	for _, o := range d.httpRoutes {
		r.HTTPRoutes = append(r.HTTPRoutes, o.DeepCopy())
	}
	for _, o := range d.grpcRoutes {
		r.GRPCRoutes = append(r.GRPCRoutes, o.DeepCopy())
	}
	for _, o := range d.tlsRoutes {
		r.TLSRoutes = append(r.TLSRoutes, o.DeepCopy())
	}
	for _, o := range d.tcpRoutes {
		r.TCPRoutes = append(r.TCPRoutes, o.DeepCopy())
	}
	for _, o := range d.udpRoutes {
		r.UDPRoutes = append(r.UDPRoutes, o.DeepCopy())
	}
	for _, o := range d.referenceGrants {
		r.ReferenceGrants = append(r.ReferenceGrants, o.DeepCopy())
	}
	for _, o := range d.backendTLS {
		r.BackendTLSPolicies = append(r.BackendTLSPolicies, o.DeepCopy())
	}
	for _, o := range d.backendTraffic {
		r.BackendTrafficPolicies = append(r.BackendTrafficPolicies, o.DeepCopy())
	}
	for _, o := range d.clientTraffic {
		r.ClientTrafficPolicies = append(r.ClientTrafficPolicies, o.DeepCopy())
	}
	for _, o := range d.security {
		r.SecurityPolicies = append(r.SecurityPolicies, o.DeepCopy())
	}
	for _, o := range d.namespaces {
		r.Namespaces = append(r.Namespaces, o.DeepCopy())
	}
	for _, o := range d.services {
		r.Services = append(r.Services, o.DeepCopy())
	}
	for _, o := range d.endpointSlices {
		r.EndpointSlices = append(r.EndpointSlices, o.DeepCopy())
	}
	for _, o := range d.secrets {
		r.Secrets = append(r.Secrets, o.DeepCopy())
	}
	for _, o := range d.configMaps {
		r.ConfigMaps = append(r.ConfigMaps, o.DeepCopy())
	}
	return r
}

const gatewayGroup = "gateway.networking.k8s.io"

// controllerNamespace is where Envoy Gateway runs; only its own Secret lives there.
const controllerNamespace = "envoy-gateway-system"

// decodeSet turns the objects into Envoy Gateway's types the way the API server and the provider
// would present them: CRD schema defaults applied to Gateway API objects, a Namespace object with
// its kubernetes.io/metadata.name label for every namespace used, a ready endpoint behind every
// Service, and key material in Secrets and CA ConfigMaps. Gatemap's loader keeps no Secret data,
// only a `tlsCertificate: malformed` mark where tls.crt was not a PEM certificate; Envoy Gateway
// gets a valid pair for the others and an invalid one for those.
func decodeSet(objects []map[string]any, material *keyMaterial) (*decoded, []string, error) {
	d := &decoded{}
	var notes []string
	used := map[string]bool{}
	defaulter := resource.GetGatewaySchemaDefaulter()
	for i, raw := range objects {
		u := &unstructured.Unstructured{Object: raw}
		gvk := u.GroupVersionKind()
		where := fmt.Sprintf("object %d (%s %s/%s)", i, gvk.Kind, u.GetNamespace(), u.GetName())
		if gvk.Group == gatewayGroup {
			if defaulter == nil {
				return nil, notes, fmt.Errorf("Envoy Gateway's CRD schema defaulter did not load")
			}
			withDefaults, err := applyDefaults(defaulter, u)
			if err != nil {
				return nil, notes, fmt.Errorf("%s: applying CRD defaults: %w", where, err)
			}
			u = withDefaults
		}
		if ns := u.GetNamespace(); ns != "" {
			used[ns] = true
		}
		// What a controller wrote before is not an input: both sides compute status afresh.
		delete(u.Object, "status")
		var err error
		switch gvk.Group + "/" + gvk.Kind {
		case gatewayGroup + "/GatewayClass":
			d.classes, err = appendAs(d.classes, u)
		case gatewayGroup + "/Gateway":
			d.gateways, err = appendAs(d.gateways, u)
		case gatewayGroup + "/ListenerSet":
			d.listenerSets, err = appendAs(d.listenerSets, u)
		case gatewayGroup + "/HTTPRoute":
			d.httpRoutes, err = appendAs(d.httpRoutes, u)
		case gatewayGroup + "/GRPCRoute":
			d.grpcRoutes, err = appendAs(d.grpcRoutes, u)
		case gatewayGroup + "/TLSRoute":
			d.tlsRoutes, err = appendAs(d.tlsRoutes, u)
		case gatewayGroup + "/TCPRoute":
			d.tcpRoutes, err = appendAs(d.tcpRoutes, u)
		case gatewayGroup + "/UDPRoute":
			d.udpRoutes, err = appendAs(d.udpRoutes, u)
		case gatewayGroup + "/ReferenceGrant":
			d.referenceGrants, err = appendAs(d.referenceGrants, u)
		case gatewayGroup + "/BackendTLSPolicy":
			d.backendTLS, err = appendAs(d.backendTLS, u)
		// Envoy Gateway's own policy kinds, as its provider hands them over (no CRD defaults: their
		// schemas default nothing the status depends on). EnvoyExtensionPolicy and EnvoyPatchPolicy
		// need extension servers and xDS this check does not model, so they stay notes.
		case egv1a1.GroupName + "/" + egv1a1.KindBackendTrafficPolicy:
			d.backendTraffic, err = appendAs(d.backendTraffic, u)
		case egv1a1.GroupName + "/" + egv1a1.KindClientTrafficPolicy:
			d.clientTraffic, err = appendAs(d.clientTraffic, u)
		case egv1a1.GroupName + "/" + egv1a1.KindSecurityPolicy:
			d.security, err = appendAs(d.security, u)
		case "/Namespace":
			d.namespaces, err = appendAs(d.namespaces, u)
		case "/Service":
			d.services, err = appendAs(d.services, u)
		case "discovery.k8s.io/EndpointSlice":
			d.endpointSlices, err = appendAs(d.endpointSlices, u)
		case "/Secret":
			d.secrets, err = appendAs(d.secrets, u)
			// Gatemap's loader keeps no Secret data, only whether tls.crt held a PEM certificate.
			if err == nil && u.Object["tlsCertificate"] == "malformed" {
				d.secrets[len(d.secrets)-1].Data = map[string][]byte{
					corev1.TLSCertKey:       []byte("not a certificate"),
					corev1.TLSPrivateKeyKey: []byte("not a key"),
				}
			}
		case "/ConfigMap":
			d.configMaps, err = appendAs(d.configMaps, u)
		default:
			notes = append(notes, fmt.Sprintf("%s: kind not given to the translator", where))
		}
		if err != nil {
			return nil, notes, fmt.Errorf("%s: %w", where, err)
		}
	}
	addNamespaces(d, used)
	addEndpointSlices(d)
	for _, s := range d.secrets {
		// Only a Secret written without key material gets some: one that carries data (a
		// deliberately malformed certificate, say) is judged as written.
		if s.Type == corev1.SecretTypeTLS && len(s.Data) == 0 && len(s.StringData) == 0 {
			if err := material.fillServingPair(s); err != nil {
				return nil, notes, err
			}
		}
	}
	for _, c := range d.configMaps {
		if len(c.Data) == 0 && len(c.BinaryData) == 0 {
			c.Data = map[string]string{"ca.crt": material.caPEM}
		}
	}
	// The client certificate Envoy Gateway's own installation creates in its namespace; without it
	// the translator reports an error about its xDS output (never about status).
	own := &corev1.Secret{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Secret"},
		ObjectMeta: metav1.ObjectMeta{Namespace: controllerNamespace, Name: "envoy"},
		Type:       corev1.SecretTypeTLS,
	}
	if err := material.fillServingPair(own); err != nil {
		return nil, notes, err
	}
	own.Data["ca.crt"] = []byte(material.caPEM)
	d.secrets = append(d.secrets, own)
	return d, notes, nil
}

// addEndpointSlices gives every Service that has none a ready endpoint on each of its ports, as a
// cluster running the backends would. Gatemap judges references, not whether Pods are up, and the
// conformance suite runs the Pods behind its Services.
func addEndpointSlices(d *decoded) {
	have := map[string]bool{}
	for _, es := range d.endpointSlices {
		have[es.Namespace+"/"+es.Labels[discoveryv1.LabelServiceName]] = true
	}
	for i, svc := range d.services {
		if have[svc.Namespace+"/"+svc.Name] || svc.Spec.Type == corev1.ServiceTypeExternalName {
			continue
		}
		ports := make([]discoveryv1.EndpointPort, 0, len(svc.Spec.Ports))
		for _, p := range svc.Spec.Ports {
			port := p.Port
			if p.TargetPort.IntVal != 0 {
				port = p.TargetPort.IntVal
			}
			protocol := p.Protocol
			if protocol == "" {
				protocol = corev1.ProtocolTCP
			}
			ports = append(ports, discoveryv1.EndpointPort{Name: ptrTo(p.Name), Port: ptrTo(port), Protocol: ptrTo(protocol)})
		}
		d.endpointSlices = append(d.endpointSlices, &discoveryv1.EndpointSlice{
			TypeMeta: metav1.TypeMeta{APIVersion: "discovery.k8s.io/v1", Kind: "EndpointSlice"},
			ObjectMeta: metav1.ObjectMeta{
				Namespace: svc.Namespace,
				Name:      svc.Name + "-oracle",
				Labels:    map[string]string{discoveryv1.LabelServiceName: svc.Name},
			},
			AddressType: discoveryv1.AddressTypeIPv4,
			Endpoints: []discoveryv1.Endpoint{{
				Addresses:  []string{fmt.Sprintf("10.%d.%d.%d", 1+i/65536%250, i/256%256, i%256)},
				Conditions: discoveryv1.EndpointConditions{Ready: ptrTo(true)},
			}},
			Ports: ports,
		})
	}
}

func ptrTo[T any](v T) *T { return &v }

// applyDefaults applies the CRD schema's defaults. The schema Envoy Gateway embeds serves v1 for
// every kind; an object of an older served version (TCPRoute v1alpha2, say) is defaulted as v1,
// whose fields are a superset, and keeps its own apiVersion.
func applyDefaults(d *resource.Defaulter, u *unstructured.Unstructured) (*unstructured.Unstructured, error) {
	out, err := d.ApplyDefault(u)
	if err == nil {
		return out, nil
	}
	asV1 := u.DeepCopy()
	asV1.SetAPIVersion(gatewayGroup + "/v1")
	out, errV1 := d.ApplyDefault(asV1)
	if errV1 != nil {
		return nil, err
	}
	out.SetAPIVersion(u.GetAPIVersion())
	return out, nil
}

// appendAs decodes through JSON into the typed object: the field names are the same in every
// served version of these kinds.
func appendAs[T any](list []*T, u *unstructured.Unstructured) ([]*T, error) {
	data, err := json.Marshal(u.Object)
	if err != nil {
		return list, err
	}
	obj := new(T)
	if err := json.Unmarshal(data, obj); err != nil {
		return list, err
	}
	return append(list, obj), nil
}

func addNamespaces(d *decoded, used map[string]bool) {
	have := map[string]bool{}
	for _, ns := range d.namespaces {
		have[ns.Name] = true
	}
	names := make([]string, 0, len(used))
	for name := range used {
		if !have[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		d.namespaces = append(d.namespaces, &corev1.Namespace{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"},
			ObjectMeta: metav1.ObjectMeta{Name: name},
		})
	}
	for _, ns := range d.namespaces {
		if ns.Labels == nil {
			ns.Labels = map[string]string{}
		}
		ns.Labels[corev1.LabelMetadataName] = ns.Name
	}
}

// keyMaterial is one CA and the serving pairs it signs, made fresh on each run.
type keyMaterial struct {
	caKey  *ecdsa.PrivateKey
	caCert *x509.Certificate
	caPEM  string
	serial int64
}

func newKeyMaterial() (*keyMaterial, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "gatemap differential check CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	caPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	return &keyMaterial{caKey: key, caCert: cert, caPEM: caPEM, serial: 1}, nil
}

// fillServingPair gives the Secret a certificate of its own name, so two Secrets on one listener
// never share a domain (Envoy Gateway refuses two certificates of one algorithm and domain).
func (m *keyMaterial) fillServingPair(s *corev1.Secret) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	m.serial++
	domain := strings.ToLower(fmt.Sprintf("%s.%s.secret.invalid", s.Name, s.Namespace))
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(m.serial),
		Subject:      pkix.Name{CommonName: domain},
		DNSNames:     []string{domain},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, m.caCert, &key.PublicKey, m.caKey)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	if s.Data == nil {
		s.Data = map[string][]byte{}
	}
	s.Data[corev1.TLSCertKey] = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	s.Data[corev1.TLSPrivateKeyKey] = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})
	return nil
}
